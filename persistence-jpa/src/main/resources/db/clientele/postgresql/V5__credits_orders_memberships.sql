-- Clientele: the credit ledger, orders, memberships, the membership catalog and the issuance log.
-- Every table has tenant_id, and every key leads with it. Client, order and membership ids are plain
-- uuid columns: the tables they name belong to other migrations, or to nobody (a membership's type
-- may be one a host keeps itself).

CREATE TABLE credit (
    tenant_id    varchar(64)              NOT NULL,
    id           uuid                     NOT NULL,
    client_id    uuid                     NOT NULL,
    -- MEMBERSHIP or PACKAGE; source_id is the membership (or NULL: none named) or the order
    source_kind  varchar(16)              NOT NULL,
    source_id    uuid,
    issued_at    timestamp with time zone NOT NULL,
    expires_at   timestamp with time zone,
    state        varchar(16)              NOT NULL,
    booking_ref  varchar(100),
    changed_by   varchar(200)             NOT NULL,
    reason       varchar(200)             NOT NULL,
    changed_at   timestamp with time zone NOT NULL,
    version      bigint                   NOT NULL,
    CONSTRAINT credit_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT credit_source_ck CHECK (source_kind = 'MEMBERSHIP' OR source_id IS NOT NULL)
);
-- a client's credits: listings, keyset pages, counts by state, the redemption order
CREATE INDEX credit_client_idx ON credit (tenant_id, client_id, issued_at, id);
-- the credits a booking used
CREATE INDEX credit_booking_idx ON credit (tenant_id, booking_ref) WHERE booking_ref IS NOT NULL;
-- the credits of an order or a membership
CREATE INDEX credit_source_idx ON credit (tenant_id, source_kind, source_id);
-- the expiry sweep's selection across tenants (CreditRepository.dueForExpiry): it holds only the
-- redeemable credits, so the sweep's cost does not grow with the credits that are used or gone
CREATE INDEX credit_due_idx ON credit (expires_at, tenant_id, id) WHERE state = 'REDEEMABLE';

-- the ledger: append-only lines, read per client in the order they were appended (line_no)
CREATE TABLE credit_change (
    tenant_id   varchar(64)              NOT NULL,
    id          uuid                     NOT NULL,
    line_no     bigint                   GENERATED ALWAYS AS IDENTITY,
    client_id   uuid                     NOT NULL,
    credit_id   uuid                     NOT NULL,
    from_state  varchar(16),
    to_state    varchar(16)              NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    actor       varchar(200)             NOT NULL,
    reason      varchar(200)             NOT NULL,
    CONSTRAINT credit_change_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT credit_change_credit_fk FOREIGN KEY (tenant_id, credit_id) REFERENCES credit (tenant_id, id)
);
CREATE INDEX credit_change_client_idx ON credit_change (tenant_id, client_id, line_no);

-- sources closed to reinstatement (a cancelled order); source_id is the nil uuid for membership
-- credits of no particular membership
CREATE TABLE credit_closed_source (
    tenant_id   varchar(64) NOT NULL,
    source_kind varchar(16) NOT NULL,
    source_id   uuid        NOT NULL,
    CONSTRAINT credit_closed_source_pk PRIMARY KEY (tenant_id, source_kind, source_id)
);

CREATE TABLE client_order (
    tenant_id       varchar(64)              NOT NULL,
    id              uuid                     NOT NULL,
    lead_booker     uuid                     NOT NULL,
    total_currency  varchar(3)               NOT NULL,
    total_amount    numeric(16, 4)           NOT NULL,
    status          varchar(16)              NOT NULL,
    created_by      varchar(200)             NOT NULL,
    created_at      timestamp with time zone NOT NULL,
    -- the cancellation, all set or all NULL
    cancelled_at    timestamp with time zone,
    cancelled_by    varchar(200),
    cancel_reason   varchar(200),
    credits_revoked integer,
    credits_kept    integer,
    version         bigint                   NOT NULL,
    CONSTRAINT client_order_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX client_order_lead_booker_idx ON client_order (tenant_id, lead_booker, created_at, id);

CREATE TABLE client_order_line (
    tenant_id       varchar(64)    NOT NULL,
    order_id        uuid           NOT NULL,
    position        integer        NOT NULL,
    -- PACKAGE (name, credits, credit_validity) or BOOKING (booking_ref, description)
    kind            varchar(16)    NOT NULL,
    name            varchar(100),
    credits         integer,
    credit_validity varchar(32),
    booking_ref     varchar(100),
    description     varchar(200),
    price_currency  varchar(3)     NOT NULL,
    price_amount    numeric(16, 4) NOT NULL,
    CONSTRAINT client_order_line_pk PRIMARY KEY (tenant_id, order_id, position),
    CONSTRAINT client_order_line_order_fk FOREIGN KEY (tenant_id, order_id) REFERENCES client_order (tenant_id, id)
);

CREATE TABLE membership_type (
    tenant_id          varchar(64) NOT NULL,
    id                 uuid        NOT NULL,
    name               varchar(80) NOT NULL,
    -- DisplayName.key(), computed by Clientele (lower case may be longer than the name); byte
    -- order, as Java compares the keys
    name_key           varchar(240) COLLATE "C" NOT NULL,
    enabled            boolean     NOT NULL,
    credits_per_period integer     NOT NULL,
    credit_period      varchar(16) NOT NULL,
    credit_validity    varchar(32),
    version            bigint      NOT NULL,
    CONSTRAINT membership_type_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT membership_type_name_uq UNIQUE (tenant_id, name_key)
);

CREATE TABLE membership (
    tenant_id          varchar(64)              NOT NULL,
    id                 uuid                     NOT NULL,
    client_id          uuid                     NOT NULL,
    type_id            uuid                     NOT NULL,
    credits_per_period integer                  NOT NULL,
    credit_period      varchar(16)              NOT NULL,
    credit_validity    varchar(32),
    start_date         date                     NOT NULL,
    end_date           date,
    status             varchar(16)              NOT NULL,
    next_period        bigint                   NOT NULL,
    -- Membership.nextPeriodStart(), kept so that the issuance job's selection is indexed
    next_period_start  date                     NOT NULL,
    created_at         timestamp with time zone NOT NULL,
    changed_by         varchar(200)             NOT NULL,
    changed_at         timestamp with time zone NOT NULL,
    version            bigint                   NOT NULL,
    CONSTRAINT membership_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX membership_client_idx ON membership (tenant_id, client_id, start_date, id);
-- the issuance job's selection across tenants (MembershipRepository.due), one index per branch of
-- Membership.isDueOn: active with a period started, and running past the end date
CREATE INDEX membership_due_idx ON membership (next_period_start) WHERE status = 'ACTIVE';
CREATE INDEX membership_over_idx ON membership (end_date) WHERE status IN ('ACTIVE', 'PAUSED');

-- one row per period whose recurring credits were issued: the key makes the issuance once only
CREATE TABLE membership_issuance (
    tenant_id     varchar(64) NOT NULL,
    membership_id uuid        NOT NULL,
    period_index  bigint      NOT NULL,
    CONSTRAINT membership_issuance_pk PRIMARY KEY (tenant_id, membership_id, period_index)
);
