-- Clientele (H2): the mail outbox, invitation tokens, campaigns and password hashes. Every table has
-- tenant_id, and every key and index leads with it, except outbox_due_idx: the dispatchers' claim
-- is the one statement that spans tenants (see below). H2's varchar without a length stands for
-- PostgreSQL's text (H2's text is a CLOB).

CREATE TABLE outbox (
    tenant_id       varchar(64)              NOT NULL,
    id              uuid                     NOT NULL,
    -- null for a password-reset request not yet matched to a client
    client_id       uuid,
    kind            varchar(20)              NOT NULL,
    campaign_id     uuid,
    recipient       varchar(320)             NOT NULL,
    language        varchar(35)              NOT NULL,
    subject         varchar                  NOT NULL,
    message         varchar                  NOT NULL,
    status          varchar(16)              NOT NULL,
    attempts        integer                  NOT NULL,
    created_at      timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    sent_at         timestamp with time zone,
    last_error      varchar,
    -- the claim of the dispatcher that last claimed the row: its marks apply only while it is here
    claimed_by      uuid,
    CONSTRAINT outbox_pk PRIMARY KEY (tenant_id, id),
    -- a campaign mails a client at most once; rows without a campaign (null) never collide
    CONSTRAINT outbox_campaign_client_uq UNIQUE (tenant_id, campaign_id, client_id)
);
-- a client's mails: activity and cooldown of a campaign chunk, pending checks, erasure, listing
CREATE INDEX outbox_client_idx ON outbox (tenant_id, client_id, kind, created_at);
-- password-reset requests by address (rate limit of "forgot password", erasure); H2 has no partial
-- index, so resolved rows stay in it
CREATE INDEX outbox_request_idx ON outbox (tenant_id, recipient, created_at);
-- the claim: pending rows, oldest due first, across tenants; H2 has no partial index, so the status
-- leads. The claim forces this index and walks it in its order (an ORDER BY would make H2 lock
-- every due row), so its columns are the claim's order; do not change them without the claim
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at, id, tenant_id);

-- only the SHA-256 hash of a token is stored (64 lower-case hex digits), never the token
CREATE TABLE token (
    tenant_id  varchar(64)              NOT NULL,
    hash       varchar(64)              NOT NULL,
    client_id  uuid                     NOT NULL,
    purpose    varchar(20)              NOT NULL,
    category   varchar(64),
    issued_at  timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at    timestamp with time zone,
    revoked_at timestamp with time zone,
    CONSTRAINT token_pk PRIMARY KEY (tenant_id, hash)
);
-- a client's links per purpose (live list, cap, revocation); H2 has no partial index, so used and
-- revoked ones stay in it
CREATE INDEX token_client_idx ON token (tenant_id, client_id, purpose, issued_at);

CREATE TABLE campaign (
    tenant_id                   varchar(64)              NOT NULL,
    id                          uuid                     NOT NULL,
    -- ALL, GROUP, STATUS, LABEL or CLIENTS (whose clients are in campaign_client)
    target_kind                 varchar(16)              NOT NULL,
    target_ref                  uuid,
    target_status               varchar(16),
    -- the staff's custom text; both null when clients get the tenant's template
    subject                     varchar(200),
    message                     varchar,
    created_by                  varchar(200)             NOT NULL,
    created_at                  timestamp with time zone NOT NULL,
    status                      varchar(16)              NOT NULL,
    considered                  bigint                   NOT NULL,
    enqueued                    bigint                   NOT NULL,
    skipped_accepted            bigint                   NOT NULL,
    skipped_unsubscribed        bigint                   NOT NULL,
    skipped_no_email            bigint                   NOT NULL,
    skipped_bounced             bigint                   NOT NULL,
    skipped_erased              bigint                   NOT NULL,
    skipped_in_cooldown         bigint                   NOT NULL,
    skipped_already_in_campaign bigint                   NOT NULL,
    position_client_id          uuid,
    completed_at                timestamp with time zone,
    version                     bigint                   NOT NULL,
    CONSTRAINT campaign_pk PRIMARY KEY (tenant_id, id)
);

-- the clients an explicit target lists
CREATE TABLE campaign_client (
    tenant_id   varchar(64) NOT NULL,
    campaign_id uuid        NOT NULL,
    client_id   uuid        NOT NULL,
    CONSTRAINT campaign_client_pk PRIMARY KEY (tenant_id, campaign_id, client_id),
    CONSTRAINT campaign_client_campaign_fk FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaign (tenant_id, id)
);
-- erasure finds the campaigns aimed at a client
CREATE INDEX campaign_client_client_idx ON campaign_client (tenant_id, client_id);

-- one PHC-format password hash per client, never a password
CREATE TABLE password_hash (
    tenant_id varchar(64)  NOT NULL,
    client_id uuid         NOT NULL,
    phc_hash  varchar(512) NOT NULL,
    CONSTRAINT password_hash_pk PRIMARY KEY (tenant_id, client_id)
);
