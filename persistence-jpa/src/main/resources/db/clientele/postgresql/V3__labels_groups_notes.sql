-- Clientele: the label catalog, client groups and staff notes. Every table has tenant_id, and every
-- key and index leads with it.
--
-- name_key is the name's case-insensitive key (DisplayName.key(), computed by Clientele with ICU's
-- case tables). It is compared byte-wise (COLLATE "C"), as the in-memory adapters compare it, so the
-- catalogs' order does not depend on the database's locale. A deleted label or group stays as a
-- tombstone (deleted_at set) until its removal from the clients is finished; its name is free at once,
-- as the unique name indexes cover live rows only.

CREATE TABLE label (
    tenant_id  varchar(64)              NOT NULL,
    id         uuid                     NOT NULL,
    name       varchar(200)             NOT NULL,
    name_key   varchar(400) COLLATE "C" NOT NULL,
    version    bigint                   NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT label_pk PRIMARY KEY (tenant_id, id)
);
-- names unique per tenant among live labels; also the index a page of the catalog walks
CREATE UNIQUE INDEX label_name_uq ON label (tenant_id, name_key) WHERE deleted_at IS NULL;

CREATE TABLE client_group (
    tenant_id  varchar(64)              NOT NULL,
    id         uuid                     NOT NULL,
    name       varchar(200)             NOT NULL,
    name_key   varchar(400) COLLATE "C" NOT NULL,
    created_at timestamp with time zone NOT NULL,
    version    bigint                   NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT client_group_pk PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX client_group_name_uq ON client_group (tenant_id, name_key) WHERE deleted_at IS NULL;

-- client_id refers to a client of the same tenant; no foreign key, so that notes do not depend on
-- the clients' migration (erasure deletes a client's notes itself)
CREATE TABLE note (
    tenant_id  varchar(64)              NOT NULL,
    id         uuid                     NOT NULL,
    client_id  uuid                     NOT NULL,
    body       varchar(5000)            NOT NULL,
    author     varchar(200)             NOT NULL,
    created_at timestamp with time zone NOT NULL,
    edited_at  timestamp with time zone,
    edited_by  varchar(200),
    version    bigint                   NOT NULL,
    CONSTRAINT note_pk PRIMARY KEY (tenant_id, id)
);
-- a client's notes in id order are its notes oldest first (UUIDv7 ids): every listing, page and count
CREATE INDEX note_client_idx ON note (tenant_id, client_id, id);
