package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The credit ledger's tables: {@code credit}, {@code credit_change} and {@code
 * credit_closed_source} (migration V5).
 */
final class CreditTables {

    static final List<Class<?>> ENTITIES = List.of(CreditRow.class, ChangeRow.class, ClosedSourceRow.class);

    /** A credit row with the client's counts by effective state beside it (the profile's summary). */
    static final String SUMMARY_MAPPING = "CreditSummaryRow";

    private CreditTables() {
    }

    /** One credit. */
    @Entity(name = "CreditRow")
    @Table(name = "credit")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = SUMMARY_MAPPING, entities = @EntityResult(entityClass = CreditRow.class),
            columns = {
                @ColumnResult(name = "redeemable_count", type = Long.class),
                @ColumnResult(name = "redeemed_count", type = Long.class),
                @ColumnResult(name = "revoked_count", type = Long.class),
                @ColumnResult(name = "expired_count", type = Long.class)
            })
    static class CreditRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        @Column(name = "source_kind")
        String sourceKind;
        @Column(name = "source_id")
        UUID sourceId;
        @Column(name = "issued_at")
        Instant issuedAt;
        @Column(name = "expires_at")
        Instant expiresAt;
        String state;
        @Column(name = "booking_ref")
        String bookingRef;
        @Column(name = "changed_by")
        String changedBy;
        String reason;
        @Column(name = "changed_at")
        Instant changedAt;
        long version;

        CreditRow() {
        }
    }

    /** One line of the ledger; {@code line_no} is the database's, in the order lines were appended. */
    @Entity(name = "CreditChangeRow")
    @Table(name = "credit_change")
    @IdClass(TenantScopedKey.class)
    static class ChangeRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "line_no", insertable = false, updatable = false)
        Long lineNo;
        @Column(name = "client_id")
        UUID clientId;
        @Column(name = "credit_id")
        UUID creditId;
        @Column(name = "from_state")
        String fromState;
        @Column(name = "to_state")
        String toState;
        @Column(name = "occurred_at")
        Instant occurredAt;
        String actor;
        String reason;

        ChangeRow() {
        }
    }

    /** The key of a closed source: tenant, kind, membership or order id (nil when none). */
    record ClosedSourceKey(String tenantId, String sourceKind, UUID sourceId) implements Serializable {
    }

    /** A source closed to reinstatement. Written by native statements that ignore a taken key. */
    @Entity(name = "CreditClosedSourceRow")
    @Table(name = "credit_closed_source")
    @IdClass(ClosedSourceKey.class)
    static class ClosedSourceRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "source_kind")
        String sourceKind;
        @Id
        @Column(name = "source_id")
        UUID sourceId;

        ClosedSourceRow() {
        }
    }
}
