package io.clientele.adapter.jpa;

import static io.clientele.adapter.jpa.LedgerRows.detached;
import static io.clientele.adapter.jpa.LedgerRows.nativeRows;
import static io.clientele.adapter.jpa.LedgerRows.nativeTuples;

import io.clientele.adapter.jpa.CreditTables.ChangeRow;
import io.clientele.adapter.jpa.CreditTables.CreditRow;
import io.clientele.adapter.jpa.LedgerRows.TimeAndId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.port.CreditRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link CreditRepository} on tables {@code credit}, {@code credit_change} and {@code
 * credit_closed_source}. Inserts and ledger lines are batched inserts flushed at the call (a taken
 * id is {@code DUPLICATE} there); an update is one conditional {@code UPDATE ... WHERE version =
 * ?}; each of a client's listings, pages, counts and its summary is one statement on the index
 * {@code (tenant_id, client_id, issued_at, id)}, the keyset pages with a row comparison; the
 * look-ups by booking and by source have indexes of their own; the expiry sweep reads through the
 * partial index of the redeemable credits and expires with one {@code UPDATE ... RETURNING} (on
 * H2 read through {@code FINAL TABLE}); closing a source is an insert that ignores a taken key
 * ({@code ON CONFLICT DO NOTHING}; on H2 {@code MERGE ... KEY}), so closing it twice is harmless
 * and never spoils the unit of work. Thread-safe (state lives in the caller's unit of work).
 */
final class JpaCreditRepository implements CreditRepository {

    private static final Map<String, String> CREDIT_KEYS = Map.of("credit_pk", "id");
    private static final Map<String, String> CHANGE_KEYS = Map.of("credit_change_pk", "id");
    private static final String ERASED = "[erased]";
    /** The closed-source key of membership credits of no particular membership. */
    private static final UUID NO_SOURCE = new UUID(0, 0);
    /** {@link Credit#stateAt} in SQL: a redeemable credit past its expiry is expired. */
    private static final String EFFECTIVE_STATE =
            "CASE WHEN c.state = 'REDEEMABLE' AND c.expires_at <= :now THEN 'EXPIRED' ELSE c.state END";
    private static final String NEWEST_FIRST = " ORDER BY c.issued_at DESC, c.id DESC";
    /** The states of the summary's counts, in the order of {@link CreditTables#SUMMARY_MAPPING}'s columns. */
    private static final List<CreditState> SUMMARY_COUNTS = List.of(CreditState.REDEEMABLE, CreditState.REDEEMED,
            CreditState.REVOKED, CreditState.EXPIRED);

    private final EntityManagerAccess access;
    private final SqlDialect.Detected dialect;

    JpaCreditRepository(EntityManagerAccess access) {
        this.access = access;
        this.dialect = new SqlDialect.Detected(access);
    }

    @Override
    public Optional<Credit> find(TenantId tenant, CreditId id) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select c from CreditRow c where c.tenantId = :tenant and c.id = :id",
                        CreditRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id.value())
                .getResultList()).stream().findFirst().map(JpaCreditRepository::credit);
    }

    @Override
    public void insertAll(List<Credit> credits) {
        Set<CreditId> ids = new HashSet<>();
        for (Credit c : credits) {
            if (!ids.add(c.id())) {
                throw ConflictException.duplicate("id", "credit " + c.id() + " appears twice");
            }
        }
        persistAll(credits.stream().<Object>map(JpaCreditRepository::row).toList(), CREDIT_KEYS);
    }

    @Override
    public Credit update(Credit credit) {
        int updated = access.current().createQuery("update CreditRow c set c.clientId = :client,"
                        + " c.sourceKind = :sourceKind, c.sourceId = :sourceId, c.issuedAt = :issuedAt,"
                        + " c.expiresAt = :expiresAt, c.state = :state, c.bookingRef = :bookingRef,"
                        + " c.changedBy = :changedBy, c.reason = :reason, c.changedAt = :changedAt,"
                        + " c.version = c.version + 1"
                        + " where c.tenantId = :tenant and c.id = :id and c.version = :version")
                .setParameter("client", credit.clientId().value())
                .setParameter("sourceKind", credit.source().kind().name())
                .setParameter("sourceId", sourceId(credit.source()))
                .setParameter("issuedAt", credit.issuedAt())
                .setParameter("expiresAt", credit.expiresAt().orElse(null))
                .setParameter("state", credit.state().name())
                .setParameter("bookingRef", credit.bookingRef().orElse(null))
                .setParameter("changedBy", credit.changedBy())
                .setParameter("reason", credit.reason())
                .setParameter("changedAt", credit.changedAt())
                .setParameter("tenant", credit.tenantId().value())
                .setParameter("id", credit.id().value())
                .setParameter("version", credit.version())
                .executeUpdate();
        if (updated == 0) {
            throw ConflictException.staleVersion("credit", credit.id());
        }
        return credit.withVersion(credit.version() + 1);
    }

    @Override
    public void append(CreditChange change) {
        appendAll(List.of(change));
    }

    @Override
    public void appendAll(List<CreditChange> changes) {
        Set<UUID> ids = new HashSet<>();
        for (CreditChange c : changes) {
            if (!ids.add(c.id())) {
                throw ConflictException.duplicate("id", "ledger lines are append-only; an id appears twice");
            }
        }
        persistAll(changes.stream().<Object>map(JpaCreditRepository::row).toList(), CHANGE_KEYS);
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client) {
        return credits("SELECT c.* FROM credit c WHERE c.tenant_id = :tenant AND c.client_id = :client"
                + NEWEST_FIRST, ofClient(tenant, client));
    }

    @Override
    public List<Credit> listForClient(TenantId tenant, ClientId client, CreditState state, Instant now) {
        Map<String, Object> parameters = ofClient(tenant, client);
        parameters.put("state", state.name());
        parameters.put("now", SqlTimes.micros(now));
        return credits("SELECT c.* FROM credit c WHERE c.tenant_id = :tenant AND c.client_id = :client"
                + " AND " + EFFECTIVE_STATE + " = :state" + NEWEST_FIRST, parameters);
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, PageRequest page) {
        return page(tenant, client, "", Map.of(), page);
    }

    @Override
    public Page<Credit> pageForClient(TenantId tenant, ClientId client, CreditState state, Instant now,
            PageRequest page) {
        return page(tenant, client, " AND " + EFFECTIVE_STATE + " = :state",
                Map.of("state", state.name(), "now", SqlTimes.micros(now)), page);
    }

    @Override
    public Map<CreditState, Long> countByState(TenantId tenant, ClientId client, Instant now) {
        Query query = access.current().createNativeQuery("SELECT s.effective_state, count(*) FROM (SELECT "
                        + EFFECTIVE_STATE + " AS effective_state FROM credit c"
                        + " WHERE c.tenant_id = :tenant AND c.client_id = :client) s GROUP BY s.effective_state")
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("now", SqlTimes.micros(now));
        Map<CreditState, Long> counts = new EnumMap<>(CreditState.class);
        for (Object[] row : nativeTuples(query)) {
            counts.put(CreditState.valueOf((String) row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /**
     * One statement: the client's credits numbered newest first, each row carrying the counts by
     * effective state over all of them (window aggregates), the first {@code limit} kept.
     */
    @Override
    public CreditSummary summaryForClient(TenantId tenant, ClientId client, Instant now, int limit) {
        EntityManager em = access.current();
        Query query = em.createNativeQuery("SELECT s.* FROM (SELECT c.*,"
                        + " row_number() OVER (" + NEWEST_FIRST.substring(1) + ") AS row_index,"
                        + String.join(",", SUMMARY_COUNTS.stream().map(JpaCreditRepository::count).toList())
                        + " FROM credit c WHERE c.tenant_id = :tenant AND c.client_id = :client) s"
                        + " WHERE s.row_index <= :limit ORDER BY s.row_index", CreditTables.SUMMARY_MAPPING)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("now", SqlTimes.micros(now))
                .setParameter("limit", limit);
        List<Object[]> rows = nativeTuples(query);
        Map<CreditState, Long> counts = new EnumMap<>(CreditState.class);
        List<Credit> newest = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            CreditRow credit = (CreditRow) row[0];
            em.detach(credit);
            newest.add(credit(credit));
            for (int i = 0; i < SUMMARY_COUNTS.size(); i++) {
                counts.put(SUMMARY_COUNTS.get(i), ((Number) row[i + 1]).longValue());
            }
        }
        return new CreditSummary(counts, newest);
    }

    @Override
    public List<Credit> redeemable(TenantId tenant, ClientId client, Instant now, int limit) {
        Map<String, Object> parameters = ofClient(tenant, client);
        parameters.put("now", SqlTimes.micros(now));
        parameters.put("limit", limit);
        return credits("SELECT c.* FROM credit c WHERE c.tenant_id = :tenant AND c.client_id = :client"
                + " AND c.state = 'REDEEMABLE' AND (c.expires_at IS NULL OR c.expires_at > :now)"
                + " ORDER BY c.expires_at ASC NULLS LAST, c.issued_at, c.id LIMIT :limit", parameters);
    }

    @Override
    public List<Credit> redeemedFor(TenantId tenant, String bookingRef) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select c from CreditRow c where c.tenantId = :tenant"
                        + " and c.bookingRef = :booking and c.state = 'REDEEMED' order by c.id", CreditRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("booking", bookingRef)
                .getResultList()).stream().map(JpaCreditRepository::credit).toList();
    }

    @Override
    public List<Credit> fromSource(TenantId tenant, CreditSource source) {
        EntityManager em = access.current();
        Optional<UUID> sourceId = Optional.ofNullable(sourceId(source));
        var query = em.createQuery("select c from CreditRow c where c.tenantId = :tenant and c.sourceKind = :kind"
                        + (sourceId.isPresent() ? " and c.sourceId = :source" : " and c.sourceId is null")
                        + " order by c.id", CreditRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("kind", source.kind().name());
        sourceId.ifPresent(id -> query.setParameter("source", id));
        return detached(em, query.getResultList()).stream().map(JpaCreditRepository::credit).toList();
    }

    @Override
    public List<Credit> dueForExpiry(Instant now, int limit) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select c from CreditRow c where c.state = 'REDEEMABLE'"
                        + " and c.expiresAt <= :now order by c.expiresAt, c.tenantId, c.id", CreditRow.class)
                .setParameter("now", SqlTimes.micros(now))
                .setMaxResults(limit)
                .getResultList()).stream().map(JpaCreditRepository::credit).toList();
    }

    @Override
    public List<Credit> expireDue(TenantId tenant, Collection<CreditId> ids, Instant now, String actor) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String update = "UPDATE credit SET state = 'EXPIRED', booking_ref = NULL, changed_by = :actor,"
                + " reason = 'expired', changed_at = :now, version = version + 1"
                + " WHERE tenant_id = :tenant AND id IN (:ids) AND state = 'REDEEMABLE' AND expires_at <= :now";
        String sql = switch (dialect.get()) {
            case POSTGRESQL -> "WITH c AS (" + update + " RETURNING *) SELECT c.* FROM c ORDER BY c.id";
            case H2 -> "SELECT c.* FROM FINAL TABLE (" + update + ") c ORDER BY c.id";
        };
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("actor", actor);
        parameters.put("now", SqlTimes.micros(now));
        parameters.put("tenant", tenant.value());
        parameters.put("ids", ids.stream().map(CreditId::value).distinct().toList());
        return nativeRows(access.current(), sql, CreditRow.class, parameters).stream()
                .map(JpaCreditRepository::credit).toList();
    }

    @Override
    public void closeSource(TenantId tenant, CreditSource source) {
        String sql = switch (dialect.get()) {
            case POSTGRESQL -> "INSERT INTO credit_closed_source (tenant_id, source_kind, source_id)"
                    + " VALUES (:tenant, :kind, :source) ON CONFLICT DO NOTHING";
            case H2 -> "MERGE INTO credit_closed_source (tenant_id, source_kind, source_id)"
                    + " KEY (tenant_id, source_kind, source_id) VALUES (:tenant, :kind, :source)";
        };
        access.current().createNativeQuery(sql)
                .setParameter("tenant", tenant.value())
                .setParameter("kind", source.kind().name())
                .setParameter("source", closedSourceId(source))
                .executeUpdate();
    }

    @Override
    public boolean isSourceClosed(TenantId tenant, CreditSource source) {
        return access.current().createQuery("select count(s) from CreditClosedSourceRow s"
                        + " where s.tenantId = :tenant and s.sourceKind = :kind and s.sourceId = :source", Long.class)
                .setParameter("tenant", tenant.value())
                .setParameter("kind", source.kind().name())
                .setParameter("source", closedSourceId(source))
                .getSingleResult() > 0;
    }

    @Override
    public void eraseReasons(TenantId tenant, ClientId client) {
        EntityManager em = access.current();
        em.createQuery("update CreditRow c set c.reason = :erased where c.tenantId = :tenant and c.clientId = :client")
                .setParameter("erased", ERASED)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
        em.createQuery("update CreditChangeRow c set c.reason = :erased"
                        + " where c.tenantId = :tenant and c.clientId = :client")
                .setParameter("erased", ERASED)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }

    @Override
    public List<CreditChange> changes(TenantId tenant, ClientId client) {
        EntityManager em = access.current();
        return detached(em, em.createQuery("select c from CreditChangeRow c"
                        + " where c.tenantId = :tenant and c.clientId = :client order by c.lineNo", ChangeRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getResultList()).stream().map(JpaCreditRepository::change).toList();
    }

    /** One keyset page newest first, with {@code condition} (and its parameters) added. */
    private Page<Credit> page(TenantId tenant, ClientId client, String condition, Map<String, Object> extra,
            PageRequest page) {
        Optional<TimeAndId> after = page.after().map(TimeAndId::decode);
        Map<String, Object> parameters = ofClient(tenant, client);
        parameters.putAll(extra);
        parameters.put("limit", page.size() + 1);
        after.ifPresent(a -> {
            parameters.put("afterAt", a.at());
            parameters.put("afterId", a.id());
        });
        List<Credit> rows = credits("SELECT c.* FROM credit c WHERE c.tenant_id = :tenant AND c.client_id = :client"
                + (after.isPresent() ? " AND (c.issued_at, c.id) < (:afterAt, :afterId)" : "") + condition
                + NEWEST_FIRST + " LIMIT :limit", parameters);
        return Page.fromLookahead(rows, page.size(), c -> new TimeAndId(c.issuedAt(), c.id().value()).encode());
    }

    private List<Credit> credits(String sql, Map<String, Object> parameters) {
        return nativeRows(access.current(), sql, CreditRow.class, parameters).stream()
                .map(JpaCreditRepository::credit).toList();
    }

    private void persistAll(List<Object> rows, Map<String, String> constraints) {
        EntityManager em = access.current();
        try {
            rows.forEach(em::persist);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, constraints);
        }
        SqlErrors.flush(em, constraints);
        rows.forEach(em::detach);
    }

    private static String count(CreditState state) {
        return " count(*) FILTER (WHERE " + EFFECTIVE_STATE + " = '" + state.name() + "') OVER () AS "
                + state.name().toLowerCase(Locale.ROOT) + "_count";
    }

    private static Map<String, Object> ofClient(TenantId tenant, ClientId client) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenant", tenant.value());
        parameters.put("client", client.value());
        return parameters;
    }

    private static UUID sourceId(CreditSource source) {
        return source.membershipId().map(MembershipId::value)
                .or(() -> source.orderId().map(OrderId::value))
                .orElse(null);
    }

    private static UUID closedSourceId(CreditSource source) {
        UUID id = sourceId(source);
        return id == null ? NO_SOURCE : id;
    }

    private static CreditRow row(Credit c) {
        CreditRow row = new CreditRow();
        row.tenantId = c.tenantId().value();
        row.id = c.id().value();
        row.clientId = c.clientId().value();
        row.sourceKind = c.source().kind().name();
        row.sourceId = sourceId(c.source());
        row.issuedAt = c.issuedAt();
        row.expiresAt = c.expiresAt().orElse(null);
        row.state = c.state().name();
        row.bookingRef = c.bookingRef().orElse(null);
        row.changedBy = c.changedBy();
        row.reason = c.reason();
        row.changedAt = c.changedAt();
        row.version = 0;
        return row;
    }

    private static ChangeRow row(CreditChange c) {
        ChangeRow row = new ChangeRow();
        row.tenantId = c.tenantId().value();
        row.id = c.id();
        row.clientId = c.clientId().value();
        row.creditId = c.creditId().value();
        row.fromState = c.from().map(CreditState::name).orElse(null);
        row.toState = c.to().name();
        row.occurredAt = c.at();
        row.actor = c.actor();
        row.reason = c.reason();
        return row;
    }

    private static Credit credit(CreditRow r) {
        CreditSource source = CreditSource.Kind.valueOf(r.sourceKind) == CreditSource.Kind.PACKAGE
                ? CreditSource.order(new OrderId(r.sourceId))
                : r.sourceId == null ? CreditSource.membership() : CreditSource.membership(new MembershipId(r.sourceId));
        return new Credit(new CreditId(r.id), TenantId.of(r.tenantId), new ClientId(r.clientId), source, r.issuedAt,
                Optional.ofNullable(r.expiresAt), CreditState.valueOf(r.state), Optional.ofNullable(r.bookingRef),
                r.changedBy, r.reason, r.changedAt, r.version);
    }

    private static CreditChange change(ChangeRow r) {
        return new CreditChange(r.id, TenantId.of(r.tenantId), new ClientId(r.clientId), new CreditId(r.creditId),
                Optional.ofNullable(r.fromState).map(CreditState::valueOf), CreditState.valueOf(r.toState),
                r.occurredAt, r.actor, r.reason);
    }
}
