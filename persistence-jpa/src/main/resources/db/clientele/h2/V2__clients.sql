-- Clientele: clients (the profile aggregate) and the tables of its collections. Every table has
-- tenant_id, and every key and index leads with it. Text columns are sized in UTF-16 code units
-- (what H2 counts), twice the domain's limit in code points. H2 has no partial index: live_email
-- is the email of a client not erased (NULL once erased), and its unique constraint is the rule.

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
    sort_key           varbinary                NOT NULL,
    -- what the text filter matches: folded "first last", "last first" and email, one per line
    search_text        varchar                  NOT NULL,
    live_email         varchar(512) GENERATED ALWAYS AS (CASE WHEN erased_at IS NULL THEN email END),
    CONSTRAINT client_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT client_status_ck CHECK (invitation_status IN ('ADDED', 'INVITED', 'ACCEPTED')),
    CONSTRAINT client_photo_ck CHECK ((photo_key IS NULL) = (photo_type IS NULL)
        AND (photo_key IS NULL) = (photo_size IS NULL)),
    -- an email address is unique per tenant among the clients not erased (NULLs are distinct)
    CONSTRAINT client_email_uq UNIQUE (tenant_id, live_email)
);
CREATE INDEX client_list_idx ON client (tenant_id, sort_key, id);
CREATE INDEX client_status_list_idx ON client (tenant_id, invitation_status, sort_key, id);

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
    sort_key  varbinary   NOT NULL,
    CONSTRAINT client_label_pk PRIMARY KEY (tenant_id, client_id, label_id),
    CONSTRAINT client_label_client_fk FOREIGN KEY (tenant_id, client_id) REFERENCES client (tenant_id, id)
);
CREATE INDEX client_label_holder_idx ON client_label (tenant_id, label_id, client_id);
CREATE INDEX client_label_list_idx ON client_label (tenant_id, label_id, sort_key, client_id);

CREATE TABLE client_in_group (
    tenant_id varchar(64) NOT NULL,
    client_id uuid        NOT NULL,
    group_id  uuid        NOT NULL,
    sort_key  varbinary   NOT NULL,
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
    CONSTRAINT client_pass_number_uq UNIQUE (tenant_id, pass_number),
    CONSTRAINT client_pass_client_fk FOREIGN KEY (tenant_id, client_id) REFERENCES client (tenant_id, id)
);
