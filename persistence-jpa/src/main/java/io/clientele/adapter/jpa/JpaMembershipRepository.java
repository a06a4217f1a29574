package io.clientele.adapter.jpa;

import static io.clientele.adapter.jpa.LedgerRows.detached;
import static io.clientele.adapter.jpa.LedgerRows.nativeRows;

import io.clientele.adapter.jpa.LedgerRows.DateAndId;
import io.clientele.adapter.jpa.MembershipTables.MembershipRow;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.port.MembershipRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MembershipRepository} on table {@code membership}. An insert is flushed at the call (a
 * taken id is {@code DUPLICATE} there); an update is one conditional {@code UPDATE ... WHERE
 * version = ?}; a client's memberships are one statement on the index {@code (tenant_id,
 * client_id, start_date, id)}, its keyset pages with a row comparison. The issuance job's
 * selection ({@link #due}) is one statement whose condition is {@link Membership#isDueOn} in SQL,
 * on the column {@code next_period_start} the adapter keeps ({@link Membership#nextPeriodStart()})
 * and the partial indexes of its two branches. Thread-safe (state lives in the caller's unit of
 * work).
 */
final class JpaMembershipRepository implements MembershipRepository {

    private static final Map<String, String> KEYS = Map.of("membership_pk", "id");
    /**
     * {@link Membership#isDueOn} in SQL: active with its next period started by today (and not
     * after the end date), or running past its end date.
     */
    private static final String DUE = "((m.status = 'ACTIVE' AND m.next_period_start <= :today"
            + " AND (m.end_date IS NULL OR m.next_period_start <= m.end_date))"
            + " OR (m.status IN ('ACTIVE', 'PAUSED') AND m.end_date < :today))";

    private final EntityManagerAccess access;

    JpaMembershipRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public Optional<Membership> find(TenantId tenant, MembershipId id) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select m from MembershipRow m where m.tenantId = :tenant and m.id = :id",
                        MembershipRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id.value())
                .getResultList()).stream().findFirst().map(JpaMembershipRepository::membership);
    }

    @Override
    public Membership insert(Membership membership) {
        EntityManager em = access.current();
        MembershipRow row = row(membership);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, KEYS);
        }
        SqlErrors.flush(em, KEYS);
        em.detach(row);
        return membership.withVersion(0);
    }

    @Override
    public Membership update(Membership membership) {
        RecurringCreditRule rule = membership.rule();
        int updated = access.current().createQuery("update MembershipRow m set m.clientId = :client,"
                        + " m.typeId = :type, m.creditsPerPeriod = :credits, m.creditPeriod = :period,"
                        + " m.creditValidity = :validity, m.startDate = :startDate, m.endDate = :endDate,"
                        + " m.status = :status, m.nextPeriod = :nextPeriod, m.nextPeriodStart = :nextPeriodStart,"
                        + " m.createdAt = :createdAt, m.changedBy = :changedBy, m.changedAt = :changedAt,"
                        + " m.version = m.version + 1"
                        + " where m.tenantId = :tenant and m.id = :id and m.version = :version")
                .setParameter("client", membership.clientId().value())
                .setParameter("type", membership.typeId().value())
                .setParameter("credits", rule.creditsPerPeriod())
                .setParameter("period", rule.period().name())
                .setParameter("validity", LedgerRows.period(rule.validity()))
                .setParameter("startDate", membership.startDate())
                .setParameter("endDate", membership.endDate().orElse(null))
                .setParameter("status", membership.status().name())
                .setParameter("nextPeriod", membership.nextPeriod())
                .setParameter("nextPeriodStart", membership.nextPeriodStart())
                .setParameter("createdAt", membership.createdAt())
                .setParameter("changedBy", membership.changedBy())
                .setParameter("changedAt", membership.changedAt())
                .setParameter("tenant", membership.tenantId().value())
                .setParameter("id", membership.id().value())
                .setParameter("version", membership.version())
                .executeUpdate();
        if (updated == 0) {
            throw ConflictException.staleVersion("membership", membership.id());
        }
        return membership.withVersion(membership.version() + 1);
    }

    @Override
    public List<Membership> listForClient(TenantId tenant, ClientId client) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select m from MembershipRow m where m.tenantId = :tenant"
                        + " and m.clientId = :client order by m.startDate, m.id", MembershipRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getResultList()).stream().map(JpaMembershipRepository::membership).toList();
    }

    @Override
    public Page<Membership> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        Optional<DateAndId> after = page.after().map(DateAndId::decode);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenant.value());
        parameters.put("client", client.value());
        parameters.put("limit", page.size() + 1);
        after.ifPresent(a -> {
            parameters.put("afterDate", a.date());
            parameters.put("afterId", a.id());
        });
        List<Membership> rows = memberships("SELECT m.* FROM membership m"
                + " WHERE m.tenant_id = :tenant AND m.client_id = :client"
                + (after.isPresent() ? " AND (m.start_date, m.id) < (:afterDate, :afterId)" : "")
                + " ORDER BY m.start_date DESC, m.id DESC LIMIT :limit", parameters);
        return Page.fromLookahead(rows, page.size(), m -> new DateAndId(m.startDate(), m.id().value()).encode());
    }

    @Override
    public List<Membership> due(LocalDate today, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("today", today);
        parameters.put("limit", limit);
        return memberships("SELECT m.* FROM membership m WHERE " + DUE
                + " ORDER BY m.tenant_id, m.id LIMIT :limit", parameters);
    }

    @Override
    public List<Membership> due(LocalDate today, Position after, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("today", today);
        parameters.put("limit", limit);
        parameters.put("afterTenant", after.tenant().value());
        parameters.put("afterId", after.id().value());
        return memberships("SELECT m.* FROM membership m WHERE " + DUE
                + " AND (m.tenant_id, m.id) > (:afterTenant, :afterId) ORDER BY m.tenant_id, m.id LIMIT :limit",
                parameters);
    }

    private List<Membership> memberships(String sql, Map<String, Object> parameters) {
        return nativeRows(access.current(), sql, MembershipRow.class, parameters).stream()
                .map(JpaMembershipRepository::membership).toList();
    }

    private static MembershipRow row(Membership m) {
        MembershipRow row = new MembershipRow();
        row.tenantId = m.tenantId().value();
        row.id = m.id().value();
        row.clientId = m.clientId().value();
        row.typeId = m.typeId().value();
        row.creditsPerPeriod = m.rule().creditsPerPeriod();
        row.creditPeriod = m.rule().period().name();
        row.creditValidity = LedgerRows.period(m.rule().validity());
        row.startDate = m.startDate();
        row.endDate = m.endDate().orElse(null);
        row.status = m.status().name();
        row.nextPeriod = m.nextPeriod();
        row.nextPeriodStart = m.nextPeriodStart();
        row.createdAt = m.createdAt();
        row.changedBy = m.changedBy();
        row.changedAt = m.changedAt();
        row.version = 0;
        return row;
    }

    private static Membership membership(MembershipRow r) {
        return new Membership(new MembershipId(r.id), TenantId.of(r.tenantId), new ClientId(r.clientId),
                new MembershipTypeId(r.typeId), new RecurringCreditRule(r.creditsPerPeriod,
                        CreditPeriod.valueOf(r.creditPeriod), LedgerRows.period(r.creditValidity)),
                r.startDate, Optional.ofNullable(r.endDate), MembershipStatus.valueOf(r.status), r.nextPeriod,
                r.createdAt, r.changedBy, r.changedAt, r.version);
    }
}
