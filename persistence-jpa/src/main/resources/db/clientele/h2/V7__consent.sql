-- Clientele: the append-only consent records (proof of each opt-in and opt-out).
CREATE TABLE consent (
    tenant_id      varchar(64)              NOT NULL,
    id             uuid                     NOT NULL,
    client_id      uuid                     NOT NULL,
    preference_id  uuid                     NOT NULL,
    decision       varchar(16)              NOT NULL,
    recorded_at    timestamp with time zone NOT NULL,
    actor          varchar                  NOT NULL,
    source         varchar(32)              NOT NULL,
    wording_version integer                 NOT NULL,
    wording_sha256 varchar(64)              NOT NULL,
    ip_address     varchar(64),
    user_agent     varchar(1000),
    CONSTRAINT consent_pk PRIMARY KEY (tenant_id, id)
);
-- a client's records: history, pages newest first, the latest per preference
CREATE INDEX consent_client_idx ON consent (tenant_id, client_id, recorded_at, id);
-- a preference's audience: the latest record per client, in client order
CREATE INDEX consent_audience_idx ON consent (tenant_id, preference_id, client_id, id);
