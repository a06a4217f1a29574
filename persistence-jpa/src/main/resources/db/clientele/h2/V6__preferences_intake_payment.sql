-- Clientele: marketing preferences, intake form submissions, saved payment methods.
-- Every table has tenant_id, and every key and index leads with it. Client ids are plain uuid
-- columns: the client table is another migration's, and erasure deletes these rows itself.
-- Text lengths are twice the domain's limits (keys, enums and digits are ASCII): H2 counts UTF-16
-- units, the domain counts code points, so a text of emoji within the domain's limit must fit.

CREATE TABLE preference (
    tenant_id      varchar(64)    NOT NULL,
    id             uuid           NOT NULL,
    preference_key varchar(64)    NOT NULL,
    name           varchar(240)   NOT NULL,
    wording        varchar(10000) NOT NULL,
    version        integer        NOT NULL,
    channel        varchar(16)    NOT NULL,
    CONSTRAINT preference_pk PRIMARY KEY (tenant_id, id),
    -- one preference per key and tenant; its index serves the look-up by key, the list by key and
    -- insertIfAbsent's MERGE
    CONSTRAINT preference_key_uq UNIQUE (tenant_id, preference_key)
);

CREATE TABLE intake_submission (
    tenant_id    varchar(64)              NOT NULL,
    id           uuid                     NOT NULL,
    client_id    uuid                     NOT NULL,
    form_name    varchar(240)             NOT NULL,
    form_version integer                  NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    CONSTRAINT intake_submission_pk PRIMARY KEY (tenant_id, id)
);
-- a client's submissions, newest first, in keyset pages; the erasure's delete by client
CREATE INDEX intake_submission_client_idx ON intake_submission (tenant_id, client_id, submitted_at, id);

CREATE TABLE intake_answer (
    tenant_id     varchar(64)    NOT NULL,
    submission_id uuid           NOT NULL,
    position      integer        NOT NULL,
    question      varchar(600)   NOT NULL,
    answer        varchar(10000) NOT NULL,
    CONSTRAINT intake_answer_pk PRIMARY KEY (tenant_id, submission_id, position),
    -- answers are health data: they go with their submission, in the same statement
    CONSTRAINT intake_answer_submission_fk FOREIGN KEY (tenant_id, submission_id)
        REFERENCES intake_submission (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE payment_method (
    tenant_id    varchar(64)              NOT NULL,
    id           uuid                     NOT NULL,
    client_id    uuid                     NOT NULL,
    kind         varchar(16)              NOT NULL,
    brand        varchar(80)              NOT NULL,
    last4        varchar(4)               NOT NULL,
    expiry_month date,
    provider_ref varchar(400)             NOT NULL,
    status       varchar(16)              NOT NULL,
    added_at     timestamp with time zone NOT NULL,
    cancelled_at timestamp with time zone,
    version      bigint                   NOT NULL,
    CONSTRAINT payment_method_pk PRIMARY KEY (tenant_id, id)
);
-- a client's methods, newest first, in keyset pages; the erasure's delete by client
CREATE INDEX payment_method_client_idx ON payment_method (tenant_id, client_id, added_at, id);
-- the active method of a provider reference, whichever client holds it
CREATE INDEX payment_method_provider_ref_idx ON payment_method (tenant_id, provider_ref);
