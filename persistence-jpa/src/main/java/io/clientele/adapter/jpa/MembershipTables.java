package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The membership context's tables: {@code membership_type}, {@code membership} and {@code
 * membership_issuance} (migration V5).
 */
final class MembershipTables {

    static final List<Class<?>> ENTITIES = List.of(TypeRow.class, MembershipRow.class, IssuanceRow.class);

    private MembershipTables() {
    }

    /** One membership type of a tenant's catalog, with its recurring credit rule. */
    @Entity(name = "MembershipTypeRow")
    @Table(name = "membership_type")
    @IdClass(TenantScopedKey.class)
    static class TypeRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        String name;
        @Column(name = "name_key")
        String nameKey;
        boolean enabled;
        @Column(name = "credits_per_period")
        int creditsPerPeriod;
        @Column(name = "credit_period")
        String creditPeriod;
        @Column(name = "credit_validity")
        String creditValidity;
        long version;

        TypeRow() {
        }
    }

    /** One client's membership, with the rule it started with. */
    @Entity(name = "MembershipRow")
    @Table(name = "membership")
    @IdClass(TenantScopedKey.class)
    static class MembershipRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        @Column(name = "type_id")
        UUID typeId;
        @Column(name = "credits_per_period")
        int creditsPerPeriod;
        @Column(name = "credit_period")
        String creditPeriod;
        @Column(name = "credit_validity")
        String creditValidity;
        @Column(name = "start_date")
        LocalDate startDate;
        @Column(name = "end_date")
        LocalDate endDate;
        String status;
        @Column(name = "next_period")
        long nextPeriod;
        @Column(name = "next_period_start")
        LocalDate nextPeriodStart;
        @Column(name = "created_at")
        Instant createdAt;
        @Column(name = "changed_by")
        String changedBy;
        @Column(name = "changed_at")
        Instant changedAt;
        long version;

        MembershipRow() {
        }
    }

    /** The key of a claimed period: tenant, membership, period index. */
    record IssuanceKey(String tenantId, UUID membershipId, long periodIndex) implements Serializable {
    }

    /** One period of a membership whose credits were issued. Written by native statements only. */
    @Entity(name = "MembershipIssuanceRow")
    @Table(name = "membership_issuance")
    @IdClass(IssuanceKey.class)
    static class IssuanceRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "membership_id")
        UUID membershipId;
        @Id
        @Column(name = "period_index")
        long periodIndex;

        IssuanceRow() {
        }
    }
}
