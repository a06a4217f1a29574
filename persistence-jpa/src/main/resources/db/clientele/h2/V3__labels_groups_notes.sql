-- Clientele: the label catalog, client groups and staff notes. Every table has tenant_id, and every
-- key and index leads with it.
--
-- name_key is the name's case-insensitive key (DisplayName.key(), computed by Clientele with ICU's
-- case tables). A deleted label or group stays as a tombstone (deleted_at set) until its removal
-- from the clients is finished; its name is free at once. H2 has no partial indexes: the unique name
-- constraint is on live_name_key, a generated column that is the name key of a live row and null
-- for a tombstone (nulls are distinct in a unique constraint). Lengths count UTF-16 units in H2.

CREATE TABLE label (
    tenant_id     varchar(64)              NOT NULL,
    id            uuid                     NOT NULL,
    name          varchar(200)             NOT NULL,
    name_key      varchar(400)             NOT NULL,
    version       bigint                   NOT NULL,
    deleted_at    timestamp with time zone,
    live_name_key varchar(400) GENERATED ALWAYS AS (CASE WHEN deleted_at IS NULL THEN name_key END),
    CONSTRAINT label_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT label_name_uq UNIQUE (tenant_id, live_name_key)
);
-- the index a page of the catalog walks
CREATE INDEX label_name_idx ON label (tenant_id, name_key, id);

CREATE TABLE client_group (
    tenant_id     varchar(64)              NOT NULL,
    id            uuid                     NOT NULL,
    name          varchar(200)             NOT NULL,
    name_key      varchar(400)             NOT NULL,
    created_at    timestamp with time zone NOT NULL,
    version       bigint                   NOT NULL,
    deleted_at    timestamp with time zone,
    live_name_key varchar(400) GENERATED ALWAYS AS (CASE WHEN deleted_at IS NULL THEN name_key END),
    CONSTRAINT client_group_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT client_group_name_uq UNIQUE (tenant_id, live_name_key)
);
CREATE INDEX client_group_name_idx ON client_group (tenant_id, name_key, id);

-- client_id refers to a client of the same tenant; no foreign key, so that notes do not depend on
-- the clients' migration (erasure deletes a client's notes itself)
CREATE TABLE note (
    tenant_id  varchar(64)              NOT NULL,
    id         uuid                     NOT NULL,
    client_id  uuid                     NOT NULL,
    body       varchar(10000)           NOT NULL,
    author     varchar(200)             NOT NULL,
    created_at timestamp with time zone NOT NULL,
    edited_at  timestamp with time zone,
    edited_by  varchar(200),
    version    bigint                   NOT NULL,
    CONSTRAINT note_pk PRIMARY KEY (tenant_id, id)
);
-- a client's notes in id order are its notes oldest first (UUIDv7 ids): every listing, page and count
CREATE INDEX note_client_idx ON note (tenant_id, client_id, id);
