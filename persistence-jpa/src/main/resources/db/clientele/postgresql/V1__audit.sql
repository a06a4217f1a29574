-- Clientele: the audit trail. Every table has tenant_id, and every key and index leads with it.
-- the client list's text search (V2) uses a trigram index
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- btree_gin lets a GIN index lead with tenant_id (client_search_idx, V2)
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE audit_entry (
    tenant_id   varchar(64)              NOT NULL,
    id          uuid                     NOT NULL,
    client_id   uuid                     NOT NULL,
    actor       text                     NOT NULL,
    action      varchar(40)              NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    CONSTRAINT audit_entry_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_entry_client_idx ON audit_entry (tenant_id, client_id, id DESC);

CREATE TABLE audit_change (
    tenant_id    varchar(64)  NOT NULL,
    entry_id     uuid         NOT NULL,
    position     integer      NOT NULL,
    client_id    uuid         NOT NULL,
    field        varchar(100) NOT NULL,
    before_value text,
    after_value  text,
    personal     boolean      NOT NULL,
    CONSTRAINT audit_change_pk PRIMARY KEY (tenant_id, entry_id, position),
    CONSTRAINT audit_change_entry_fk FOREIGN KEY (tenant_id, entry_id) REFERENCES audit_entry (tenant_id, id)
);
-- erasure rewrites a client's personal values: found by client, personal rows only
CREATE INDEX audit_change_personal_idx ON audit_change (tenant_id, client_id) WHERE personal;
