-- Clientele: clients (the profile aggregate) and the tables of its collections. Every table has
-- tenant_id, and every key and index leads with it. Text columns are sized in UTF-16 code units
-- (what H2 counts), twice the domain's limit in code points, so both databases take the same values.

CREATE TABLE client (
    tenant_id          varchar(64)              NOT NULL,
    id                 uuid                     NOT NULL,
    first_name         varchar(200)             NOT NULL,
    last_name          varchar(200)             NOT NULL,
    email              varchar(512),
    phone              varchar(16),
    birth_date         date,
    preferred_language varchar(35),
    photo_key          varchar(2048),
    photo_type         varchar(10),
    photo_size         bigint,
    locked             boolean                  NOT NULL,
    invitation_status  varchar(10)              NOT NULL,
    email_rejected_at  timestamp with time zone,
    erased_at          timestamp with time zone,
    created_at         timestamp with time zone NOT NULL,
    updated_at         timestamp with time zone NOT NULL,
    version            bigint                   NOT NULL,
    -- the list order: UTF-16BE bytes of the folded "last U+0001 first", compared unsigned
    sort_key           bytea                    NOT NULL,
    -- what the text filter matches: folded "first last", "last first" and email, one per line
    search_text        text                     NOT NULL,
    CONSTRAINT client_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT client_status_ck CHECK (invitation_status IN ('ADDED', 'INVITED', 'ACCEPTED')),
    CONSTRAINT client_photo_ck CHECK ((photo_key IS NULL) = (photo_type IS NULL)
        AND (photo_key IS NULL) = (photo_size IS NULL))
);
-- an email address is unique per tenant among the clients not erased; findIdByEmail reads it
CREATE UNIQUE INDEX client_email_uq ON client (tenant_id, email) WHERE erased_at IS NULL;
-- the client list, unfiltered and filtered by status: keyset pages (sort_key, id) at any depth
CREATE INDEX client_list_idx ON client (tenant_id, sort_key, id);
CREATE INDEX client_status_list_idx ON client (tenant_id, invitation_status, sort_key, id);
-- the text filter (LIKE '%...%'): trigrams of the folded names and email, and of the phone number.
-- The tenant's key leads (btree_gin): the index then finds the tenant's matches alone, where
-- trigrams alone would find every tenant's matches and leave the tenant to a second index.
CREATE INDEX client_search_idx ON client USING gin (tenant_id, search_text gin_trgm_ops, phone gin_trgm_ops);

CREATE TABLE client_address (
    tenant_id   varchar(64)  NOT NULL,
    client_id   uuid         NOT NULL,
    id          uuid         NOT NULL,
    position    integer      NOT NULL,
    line1       varchar(400) NOT NULL,
    line2       varchar(400),
    postal_code varchar(40)  NOT NULL,
    city        varchar(200) NOT NULL,
    region      varchar(200),
    country     varchar(2)   NOT NULL,
    CONSTRAINT client_address_pk PRIMARY KEY (tenant_id, client_id, id),
    CONSTRAINT client_address_client_fk FOREIGN KEY (tenant_id, client_id) REFERENCES client (tenant_id, id)
);

CREATE TABLE client_label (
    tenant_id varchar(64) NOT NULL,
    client_id uuid        NOT NULL,
    label_id  uuid        NOT NULL,
    -- the client's sort_key, so that a label's holders page by name on one index
    sort_key  bytea       NOT NULL,
    CONSTRAINT client_label_pk PRIMARY KEY (tenant_id, client_id, label_id),
    CONSTRAINT client_label_client_fk FOREIGN KEY (tenant_id, client_id) REFERENCES client (tenant_id, id)
);
-- a label's holders in id order (campaign walks, chunked removal) and in list order (client list)
CREATE INDEX client_label_holder_idx ON client_label (tenant_id, label_id, client_id);
CREATE INDEX client_label_list_idx ON client_label (tenant_id, label_id, sort_key, client_id);

CREATE TABLE client_in_group (
    tenant_id varchar(64) NOT NULL,
    client_id uuid        NOT NULL,
    group_id  uuid        NOT NULL,
    sort_key  bytea       NOT NULL,
    CONSTRAINT client_in_group_pk PRIMARY KEY (tenant_id, client_id, group_id),
    CONSTRAINT client_in_group_client_fk FOREIGN KEY (tenant_id, client_id) REFERENCES client (tenant_id, id)
);
CREATE INDEX client_in_group_member_idx ON client_in_group (tenant_id, group_id, client_id);
CREATE INDEX client_in_group_list_idx ON client_in_group (tenant_id, group_id, sort_key, client_id);

CREATE TABLE client_pass (
    tenant_id   varchar(64) NOT NULL,
    client_id   uuid        NOT NULL,
    pass_number varchar(64) NOT NULL,
    CONSTRAINT client_pass_pk PRIMARY KEY (tenant_id, client_id, pass_number),
    -- a pass number is linked to one client of a tenant at most; findIdByPass reads it
    CONSTRAINT client_pass_number_uq UNIQUE (tenant_id, pass_number),
    CONSTRAINT client_pass_client_fk FOREIGN KEY (tenant_id, client_id) REFERENCES client (tenant_id, id)
);
