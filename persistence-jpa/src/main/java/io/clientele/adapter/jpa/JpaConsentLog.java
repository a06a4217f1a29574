package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.ConsentTables.ConsentRow;
import io.clientele.adapter.jpa.PreferenceTables.PreferenceRow;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.model.PreferenceState;
import io.clientele.consent.port.ConsentLog;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ConsentLog} on table {@code consent}: appends flushed at the call (a taken id is {@code
 * DUPLICATE}); a client's records read on {@code (tenant_id, client_id, recorded_at, id)}; the
 * audience one statement joining the {@code client} table on its key, leaving erased clients out.
 * Rows are read as entities and detached, so the erasure's scrub (a bulk {@code UPDATE}) never
 * leaves a stale copy in the unit of work. Thread-safe (state lives in the caller's unit of work).
 */
final class JpaConsentLog implements ConsentLog {

    private static final Map<String, String> CONSTRAINTS = Map.of("consent_pk", "id");

    private final EntityManagerAccess access;

    JpaConsentLog(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public void append(ConsentRecord record) {
        EntityManager em = access.current();
        ConsentRow row = row(record);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
        SqlErrors.flush(em, CONSTRAINTS);
        em.detach(row);
    }

    @Override
    public Optional<ConsentRecord> latest(TenantId tenant, ClientId client, PreferenceId preferenceId) {
        List<ConsentRow> rows = access.current().createQuery("select c from ConsentRow c where c.tenantId = :tenant"
                        + " and c.clientId = :client and c.preferenceId = :preference order by c.id desc",
                        ConsentRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("preference", preferenceId.value())
                .setMaxResults(1)
                .getResultList();
        return records(rows).stream().findFirst();
    }

    /**
     * One statement: the tenant's preferences by key, each left-joined with the client's latest
     * record for it (the record no later record of the same client and preference follows).
     */
    @Override
    public List<PreferenceState> currentStates(TenantId tenant, ClientId client) {
        EntityManager em = access.current();
        List<Object[]> rows = em.createQuery("select p, c from PreferenceRow p left join ConsentRow c"
                        + " on c.tenantId = p.tenantId and c.preferenceId = p.id and c.clientId = :client"
                        + " where p.tenantId = :tenant and (c.id is null or not exists (select 1 from ConsentRow n"
                        + " where n.tenantId = c.tenantId and n.clientId = c.clientId and n.preferenceId = c.preferenceId"
                        + " and n.id > c.id)) order by p.preferenceKey", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getResultList();
        List<PreferenceState> states = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            PreferenceRow preference = (PreferenceRow) row[0];
            ConsentRow latest = (ConsentRow) row[1];
            em.detach(preference);
            if (latest != null) {
                em.detach(latest);
            }
            states.add(new PreferenceState(JpaPreferenceRepository.toPreference(preference),
                    Optional.ofNullable(latest).map(JpaConsentLog::record)));
        }
        return states;
    }

    @Override
    public List<ConsentRecord> history(TenantId tenant, ClientId client) {
        return records(access.current().createQuery("select c from ConsentRow c where c.tenantId = :tenant"
                        + " and c.clientId = :client order by c.id", ConsentRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getResultList());
    }

    @Override
    public Page<ConsentRecord> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        Optional<TimeIdPosition> after = TimeIdPosition.after(page);
        TypedQuery<ConsentRow> query = access.current().createQuery("select c from ConsentRow c"
                        + " where c.tenantId = :tenant and c.clientId = :client"
                        + (after.isPresent() ? " and c.recordedAt <= :at and (c.recordedAt < :at or c.id < :id)" : "")
                        + " order by c.recordedAt desc, c.id desc", ConsentRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setMaxResults(page.size() + 1);
        after.ifPresent(p -> query.setParameter("at", p.at()).setParameter("id", p.id()));
        return Page.fromLookahead(records(query.getResultList()), page.size(),
                r -> TimeIdPosition.cursor(r.recordedAt(), r.id()));
    }

    @Override
    public Page<ClientId> audience(TenantId tenant, PreferenceId preferenceId, PageRequest page) {
        Optional<UUID> after = IdPosition.after(page);
        // the latest record per client is the one no later record of the same client and
        // preference follows; the client must be stored in the tenant and not erased
        TypedQuery<UUID> query = access.current().createQuery("select c.clientId from ConsentRow c"
                        + " where c.tenantId = :tenant and c.preferenceId = :preference"
                        + (after.isPresent() ? " and c.clientId > :after" : "")
                        + " and c.decision = 'OPT_IN'"
                        + " and not exists (select 1 from ConsentRow n where n.tenantId = c.tenantId"
                        + " and n.preferenceId = c.preferenceId and n.clientId = c.clientId and n.id > c.id)"
                        + " and exists (select 1 from ClientRow k where k.tenantId = c.tenantId"
                        + " and k.id = c.clientId and k.erasedAt is null)"
                        + " order by c.clientId", UUID.class)
                .setParameter("tenant", tenant.value())
                .setParameter("preference", preferenceId.value())
                .setMaxResults(page.size() + 1);
        after.ifPresent(a -> query.setParameter("after", a));
        List<ClientId> clients = query.getResultList().stream().map(ClientId::new).toList();
        return Page.fromLookahead(clients, page.size(), c -> IdPosition.cursor(c.value()));
    }

    /** One statement: the latest record of each given client for the preference, on the client index. */
    @Override
    public Set<ClientId> optedOut(TenantId tenant, PreferenceId preferenceId, Set<ClientId> clients) {
        if (clients.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = access.current().createQuery("select c.clientId from ConsentRow c"
                        + " where c.tenantId = :tenant and c.preferenceId = :preference and c.clientId in :clients"
                        + " and c.decision = 'OPT_OUT'"
                        + " and not exists (select 1 from ConsentRow n where n.tenantId = c.tenantId"
                        + " and n.preferenceId = c.preferenceId and n.clientId = c.clientId and n.id > c.id)",
                        UUID.class)
                .setParameter("tenant", tenant.value())
                .setParameter("preference", preferenceId.value())
                .setParameter("clients", clients.stream().map(ClientId::value).toList())
                .getResultList();
        Set<ClientId> out = new HashSet<>();
        ids.forEach(id -> out.add(new ClientId(id)));
        return out;
    }

    @Override
    public void scrubPersonalData(TenantId tenant, ClientId client) {
        access.current().createQuery("update ConsentRow c set c.ipAddress = null, c.userAgent = null"
                        + " where c.tenantId = :tenant and c.clientId = :client")
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }

    private List<ConsentRecord> records(List<ConsentRow> rows) {
        EntityManager em = access.current();
        rows.forEach(em::detach);
        return rows.stream().map(JpaConsentLog::record).toList();
    }

    private static ConsentRecord record(ConsentRow r) {
        return new ConsentRecord(r.id, TenantId.of(r.tenantId), new ClientId(r.clientId),
                new PreferenceId(r.preferenceId), ConsentDecision.valueOf(r.decision), r.recordedAt, r.actor,
                ConsentSource.valueOf(r.source), r.wordingVersion, r.wordingSha256, Optional.ofNullable(r.ipAddress),
                Optional.ofNullable(r.userAgent));
    }

    private static ConsentRow row(ConsentRecord r) {
        ConsentRow row = new ConsentRow();
        row.tenantId = r.tenantId().value();
        row.id = r.id();
        row.clientId = r.clientId().value();
        row.preferenceId = r.preferenceId().value();
        row.decision = r.decision().name();
        row.recordedAt = r.recordedAt();
        row.actor = r.actor();
        row.source = r.source().name();
        row.wordingVersion = r.wordingVersion();
        row.wordingSha256 = r.wordingSha256();
        row.ipAddress = r.ipAddress().orElse(null);
        row.userAgent = r.userAgent().orElse(null);
        return row;
    }
}
