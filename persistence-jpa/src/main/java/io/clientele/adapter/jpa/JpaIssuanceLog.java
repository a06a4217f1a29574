package io.clientele.adapter.jpa;

import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.membership.port.IssuanceLog;
import jakarta.persistence.Query;
import java.util.List;

/**
 * {@link IssuanceLog} on table {@code membership_issuance}, keyed by {@code (tenant_id,
 * membership_id, period_index)}. A claim is one statement that never fails on a taken key, so a
 * lost race answers false and leaves the unit of work usable (on PostgreSQL a failed statement
 * would abort it): {@code INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL, which counts the rows
 * it inserted; on H2, {@code MERGE ... KEY} read through {@code OLD TABLE}, which answers the row
 * that was there before. On both, a claim racing another unit's uncommitted claim of the same key
 * waits for that unit to end and then finds the key taken (or free, if it rolled back), so of
 * simultaneous claims exactly one is true. Thread-safe (state lives in the caller's unit of work).
 */
final class JpaIssuanceLog implements IssuanceLog {

    private final EntityManagerAccess access;
    private final SqlDialect.Detected dialect;

    JpaIssuanceLog(EntityManagerAccess access) {
        this.access = access;
        this.dialect = new SqlDialect.Detected(access);
    }

    @Override
    public boolean claim(TenantId tenant, MembershipId membershipId, long periodIndex) {
        return switch (dialect.get()) {
            case POSTGRESQL -> bind(access.current().createNativeQuery("INSERT INTO membership_issuance"
                    + " (tenant_id, membership_id, period_index) VALUES (:tenant, :membership, :period)"
                    + " ON CONFLICT DO NOTHING"), tenant, membershipId, periodIndex).executeUpdate() == 1;
            case H2 -> ((Number) bind(access.current().createNativeQuery("SELECT COUNT(*) FROM OLD TABLE ("
                    + "MERGE INTO membership_issuance (tenant_id, membership_id, period_index)"
                    + " KEY (tenant_id, membership_id, period_index) VALUES (:tenant, :membership, :period))"),
                    tenant, membershipId, periodIndex).getSingleResult()).longValue() == 0;
        };
    }

    @Override
    public List<Long> claimedPeriods(TenantId tenant, MembershipId membershipId) {
        return access.current().createQuery("select i.periodIndex from MembershipIssuanceRow i"
                        + " where i.tenantId = :tenant and i.membershipId = :membership order by i.periodIndex",
                        Long.class)
                .setParameter("tenant", tenant.value())
                .setParameter("membership", membershipId.value())
                .getResultList();
    }

    private static Query bind(Query query, TenantId tenant, MembershipId membershipId, long periodIndex) {
        return query.setParameter("tenant", tenant.value())
                .setParameter("membership", membershipId.value())
                .setParameter("period", periodIndex);
    }
}
