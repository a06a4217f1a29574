package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.MailTables.OutboxRow;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.MailActivity;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link MailOutbox} on table {@code outbox}. Enqueues are batched inserts flushed at the call, so
 * the unique key {@code outbox_campaign_client_uq} (tenant, campaign, client; on PostgreSQL a
 * partial unique index over the rows that have a campaign, migration V8) refuses a second
 * message of a campaign for a client with {@code DUPLICATE} there. Look-ups are one query each
 * (lists of ids or clients in pieces of {@value ValuesList#MAX_ROWS}), served by the primary key,
 * {@code outbox_client_idx} and {@code outbox_request_idx}; nothing read stays managed in the unit
 * of work, so the bulk updates of the erasure and the marks never leave a stale copy behind.
 *
 * <p>The claim is a {@code SELECT ... FOR UPDATE SKIP LOCKED} in the caller's unit of work, then
 * the claim update of the rows it locked, by primary key (one statement per {@value
 * ValuesList#MAX_ROWS} rows, as the marks below), which stamps the claim in {@code claimed_by} and
 * moves {@code next_attempt_at} to the end of the lease. On PostgreSQL the select
 * takes the oldest due rows that no other claim holds, by {@code outbox_due_idx}. H2 2.3 accepts
 * {@code FOR UPDATE SKIP LOCKED} too, and re-checks the row's condition once it holds its lock,
 * but with an {@code ORDER BY} it locks every row the condition matches before it sorts and
 * limits (a claim of 3 would hold every due row, and a claim racing it would get none); so on H2
 * the select has no {@code ORDER BY} and forces {@code outbox_due_idx} ({@code USE INDEX}), whose
 * order (status, due time, id, tenant) is the claim's: H2 walks it in order, skips the rows
 * another claim holds and stops at the limit. The claimed rows are answered sorted all the same.
 *
 * <p>Marks are conditional updates on the claim: a single mark is one {@code UPDATE ... WHERE
 * tenant_id = ? AND id = ? AND claimed_by = ? AND status = 'PENDING'}; the batch mark is one
 * statement per {@value ValuesList#MAX_ROWS} marks, PostgreSQL's {@code UPDATE ... FROM (VALUES
 * ...) ... RETURNING id} or H2's {@code MERGE ... USING (VALUES ...)} read through {@code FINAL
 * TABLE}, each with the same conditions, which both databases re-check on the row once they hold
 * its lock. A row named twice in one batch gets its first mark only (a dispatcher marks each
 * claimed row once). Thread-safe: state lives in the caller's unit of work.
 */
final class JpaMailOutbox implements MailOutbox {

    private static final Map<String, String> CONSTRAINTS =
            Map.of("outbox_pk", "id", "outbox_campaign_client_uq", "campaignId");
    /** New rows: plain JDBC batches (a campaign chunk writes hundreds). */
    private static final BatchInsert INSERT = new BatchInsert("outbox",
            new BatchInsert.Column("tenant_id", Types.VARCHAR), new BatchInsert.Column("id", Types.OTHER),
            new BatchInsert.Column("client_id", Types.OTHER), new BatchInsert.Column("kind", Types.VARCHAR),
            new BatchInsert.Column("campaign_id", Types.OTHER), new BatchInsert.Column("recipient", Types.VARCHAR),
            new BatchInsert.Column("language", Types.VARCHAR), new BatchInsert.Column("subject", Types.VARCHAR),
            new BatchInsert.Column("message", Types.VARCHAR), new BatchInsert.Column("status", Types.VARCHAR),
            new BatchInsert.Column("attempts", Types.INTEGER),
            new BatchInsert.Column("created_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new BatchInsert.Column("next_attempt_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new BatchInsert.Column("sent_at", Types.TIMESTAMP_WITH_TIMEZONE),
            new BatchInsert.Column("last_error", Types.VARCHAR));
    private static final String PENDING = OutboxStatus.PENDING.name();
    private static final String CANCELLED = OutboxStatus.CANCELLED.name();
    /** The SQL order of UUIDs (unsigned), as PostgreSQL and H2 compare them. */
    private static final Comparator<UUID> SQL_UUID_ORDER = Comparator
            .<UUID>comparingLong(u -> u.getMostSignificantBits() ^ Long.MIN_VALUE)
            .thenComparingLong(u -> u.getLeastSignificantBits() ^ Long.MIN_VALUE);
    /** The claim's order: oldest due first, then by id (then tenant, since ids are unique per tenant). */
    private static final Comparator<OutboxRow> DUE_ORDER = Comparator
            .<OutboxRow, Instant>comparing(r -> r.nextAttemptAt)
            .thenComparing(r -> r.id, SQL_UUID_ORDER)
            .thenComparing(r -> r.tenantId);

    static final String CLAIM_POSTGRESQL = "SELECT * FROM outbox"
            + " WHERE status = 'PENDING' AND next_attempt_at <= :now"
            + " ORDER BY next_attempt_at, id, tenant_id LIMIT :limit FOR UPDATE SKIP LOCKED";
    // no ORDER BY: with one, H2 locks every row the condition matches before it sorts and limits;
    // without one it walks the forced index in its order (status, due time, id, tenant) and stops
    // at the limit, skipping the rows another claim holds
    private static final String CLAIM_H2 = "SELECT * FROM outbox USE INDEX (outbox_due_idx)"
            + " WHERE status = 'PENDING' AND next_attempt_at <= :now"
            + " FETCH FIRST :limit ROWS ONLY FOR UPDATE SKIP LOCKED";

    /** The claim update of the rows the claim's select locked, by primary key. */
    private static final String CLAIM_SET = "claimed_by = :claim, next_attempt_at = :leaseEnd";
    private static final String CLAIM_MATCH = "o.tenant_id = v.tenant_id AND o.id = v.id";

    /** What a batch mark does to a row, by the kind of mark in its {@code VALUES} row. */
    private static final String MARK_SET = "status = CASE v.kind WHEN 'RETRY' THEN 'PENDING' ELSE v.kind END,"
            + " attempts = CASE v.kind WHEN 'CANCELLED' THEN o.attempts ELSE o.attempts + 1 END,"
            + " sent_at = CASE v.kind WHEN 'SENT' THEN v.at ELSE o.sent_at END,"
            + " next_attempt_at = CASE v.kind WHEN 'RETRY' THEN v.at ELSE o.next_attempt_at END,"
            + " last_error = CASE WHEN v.kind IN ('RETRY', 'FAILED') THEN v.error ELSE o.last_error END,"
            + " recipient = CASE v.kind WHEN 'CANCELLED' THEN '' ELSE o.recipient END,"
            + " subject = CASE v.kind WHEN 'CANCELLED' THEN '' ELSE o.subject END,"
            + " message = CASE v.kind WHEN 'CANCELLED' THEN '' ELSE o.message END";
    private static final String MARK_MATCH =
            "o.tenant_id = :tenant AND o.id = v.id AND o.claimed_by = :claim AND o.status = 'PENDING'";
    private static final String ATTACH_SET =
            "client_id = v.client_id, language = v.language, subject = v.subject, message = v.message";
    private static final String ATTACH_MATCH = "o.tenant_id = :tenant AND o.id = v.id AND o.client_id IS NULL";

    /** The condition of a single mark: the row is still pending under the claim. */
    private static final String WHERE_CLAIMED = " where o.tenantId = :tenant and o.id = :id"
            + " and o.claimedBy = :claim and o.status = :pending";
    /** Erasure: pending rows are cancelled, and every row loses what could name the person. */
    private static final String BLANK_ALL = " o.status = case when o.status = :pending then :cancelled"
            + " else o.status end, o.recipient = '', o.subject = '', o.message = '', o.lastError = null";

    private final EntityManagerAccess access;
    private final SqlDialect.Detected dialect;

    JpaMailOutbox(EntityManagerAccess access) {
        this.access = access;
        this.dialect = new SqlDialect.Detected(access);
    }

    @Override
    public void enqueue(OutboxMessage message) {
        enqueueAll(List.of(message));
    }

    @Override
    public void enqueueAll(List<OutboxMessage> messages) {
        // a key named twice is refused before anything is written: persisting one key twice in a
        // unit of work is an error of the persistence context, not of the database
        Set<List<Object>> keys = new HashSet<>();
        Set<List<Object>> campaignKeys = new HashSet<>();
        for (OutboxMessage m : messages) {
            if (!keys.add(List.of(m.tenantId(), m.id()))) {
                throw ConflictException.duplicate("id", "an outbox message id appears twice");
            }
            if (m.campaignId().isPresent()
                    && !campaignKeys.add(List.of(m.tenantId(), m.campaignId().get(), m.clientId().orElseThrow()))) {
                throw ConflictException.duplicate("campaignId", "the campaign has a second mail for a client");
            }
        }
        INSERT.insert(access.current(), messages, JpaMailOutbox::cells, CONSTRAINTS);
    }

    /** A message's cells in the order of {@link #INSERT}'s columns. */
    private static Object[] cells(OutboxMessage m) {
        return new Object[] {m.tenantId().value(), m.id(), m.clientId().map(ClientId::value).orElse(null),
            m.kind().name(), m.campaignId().map(CampaignId::value).orElse(null), m.recipient(), m.language(),
            m.subject(), m.message(), m.status().name(), m.attempts(), m.createdAt(), m.nextAttemptAt(),
            m.sentAt().orElse(null), m.lastError().orElse(null)};
    }

    @Override
    public Set<ClientId> heldByCampaign(TenantId tenant, CampaignId campaign, Set<ClientId> clients) {
        Set<ClientId> held = new HashSet<>();
        for (List<UUID> chunk : ValuesList.chunks(clientIds(clients))) {
            PlainJdbc.query(access.current(), "SELECT o.client_id FROM outbox o WHERE o.tenant_id = :tenant"
                    + " AND o.campaign_id = :campaign AND o.client_id IN (:clients)", Map.of("tenant", tenant.value(),
                    "campaign", campaign.value(), "clients", chunk), CONSTRAINTS,
                    row -> held.add(new ClientId(row.getObject(1, UUID.class))));
        }
        return held;
    }

    @Override
    public Optional<Instant> lastEnqueuedAt(TenantId tenant, ClientId client, MailKind kind) {
        List<Instant> last = access.current().createQuery("select max(o.createdAt) from OutboxRow o"
                        + " where o.tenantId = :tenant and o.clientId = :client and o.kind = :kind"
                        + " and o.status <> :cancelled", Instant.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("kind", kind.name())
                .setParameter("cancelled", CANCELLED)
                .getResultList();
        // an aggregate without rows answers one row holding null
        return last.isEmpty() ? Optional.empty() : Optional.ofNullable(last.get(0));
    }

    @Override
    public Map<ClientId, MailActivity> activity(TenantId tenant, MailKind kind, Set<ClientId> clients) {
        Map<ClientId, MailActivity> activity = new HashMap<>();
        for (List<UUID> chunk : ValuesList.chunks(clientIds(clients))) {
            PlainJdbc.query(access.current(), "SELECT o.client_id, max(o.created_at),"
                    + " sum(CASE WHEN o.status = :pending THEN 1 ELSE 0 END) FROM outbox o WHERE o.tenant_id = :tenant"
                    + " AND o.kind = :kind AND o.client_id IN (:clients) AND o.status <> :cancelled"
                    + " GROUP BY o.client_id", Map.of("pending", PENDING, "tenant", tenant.value(), "kind", kind.name(),
                    "clients", chunk, "cancelled", CANCELLED), CONSTRAINTS,
                    row -> activity.put(new ClientId(row.getObject(1, UUID.class)),
                            new MailActivity(row.getObject(2, OffsetDateTime.class).toInstant(), row.getLong(3) > 0)));
        }
        return activity;
    }

    @Override
    public boolean hasRequestAfter(TenantId tenant, String recipient, Instant since) {
        // a blanked request holds an empty address: it was resolved, and must never match
        if (recipient.isEmpty()) {
            return false;
        }
        return !access.current().createQuery("select o.id from OutboxRow o where o.tenantId = :tenant"
                        + " and o.clientId is null and o.recipient = :recipient and o.createdAt > :since", UUID.class)
                .setParameter("tenant", tenant.value())
                .setParameter("recipient", recipient)
                .setParameter("since", SqlTimes.micros(since))
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void attachClients(TenantId tenant, List<OutboxMessage> resolved) {
        Map<UUID, OutboxMessage> byId = new LinkedHashMap<>();
        for (OutboxMessage r : resolved) {
            if (r.clientId().isEmpty()) {
                throw new ValidationException("clientId", "required", "a resolved request names its client");
            }
            // the first resolution of a row wins, as the row is no longer a request after it
            byId.putIfAbsent(r.id(), r);
        }
        for (List<OutboxMessage> chunk : ValuesList.chunks(List.copyOf(byId.values()))) {
            ValuesList values = new ValuesList("a", "uuid", "uuid", "varchar", "varchar", "varchar");
            chunk.forEach(r -> values.add(r.id(), r.clientId().orElseThrow().value(), r.language(), r.subject(),
                    r.message()));
            String sql = dialect.get() == SqlDialect.POSTGRESQL
                    ? "UPDATE outbox o SET " + ATTACH_SET + " FROM (" + values.sql()
                            + ") AS v(id, client_id, language, subject, message) WHERE " + ATTACH_MATCH
                    : "MERGE INTO outbox o USING (" + values.sql() + ") AS v(id, client_id, language, subject, message)"
                            + " ON " + ATTACH_MATCH + " WHEN MATCHED THEN UPDATE SET " + ATTACH_SET;
            values.bind(access.current().createNativeQuery(sql)).setParameter("tenant", tenant.value())
                    .executeUpdate();
        }
    }

    @Override
    public List<OutboxMessage> claimDue(OutboxClaim claim, Instant now, int limit, Duration lease) {
        if (limit < 1) {
            return List.of();
        }
        EntityManager em = access.current();
        boolean postgresql = dialect.get() == SqlDialect.POSTGRESQL;
        @SuppressWarnings("unchecked")
        List<OutboxRow> locked = em.createNativeQuery(postgresql ? CLAIM_POSTGRESQL : CLAIM_H2, OutboxRow.class)
                .setParameter("now", SqlTimes.micros(now))
                .setParameter("limit", limit)
                .getResultList();
        List<OutboxRow> rows = new ArrayList<>(locked);
        rows.sort(DUE_ORDER);
        Instant leaseEnd = now.plus(lease);
        List<OutboxMessage> claimed = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            // detached first: the claim update below is a statement of its own, not a flush of these
            em.detach(row);
            row.nextAttemptAt = leaseEnd;
            claimed.add(message(row));
        }
        for (List<OutboxRow> chunk : ValuesList.chunks(rows)) {
            ValuesList keys = new ValuesList("k", "varchar", "uuid");
            chunk.forEach(r -> keys.add(r.tenantId, r.id));
            String sql = postgresql
                    ? "UPDATE outbox o SET " + CLAIM_SET + " FROM (" + keys.sql() + ") AS v(tenant_id, id)"
                            + " WHERE " + CLAIM_MATCH
                    : "MERGE INTO outbox o USING (" + keys.sql() + ") AS v(tenant_id, id) ON " + CLAIM_MATCH
                            + " WHEN MATCHED THEN UPDATE SET " + CLAIM_SET;
            keys.bind(em.createNativeQuery(sql))
                    .setParameter("claim", claim.value())
                    .setParameter("leaseEnd", leaseEnd)
                    .executeUpdate();
        }
        return claimed;
    }

    @Override
    public boolean markSent(TenantId tenant, UUID id, OutboxClaim claim, Instant at) {
        return claimed(access.current().createQuery("update OutboxRow o set o.status = :sent,"
                        + " o.attempts = o.attempts + 1, o.sentAt = :at" + WHERE_CLAIMED)
                .setParameter("sent", OutboxStatus.SENT.name())
                .setParameter("at", at), tenant, id, claim);
    }

    @Override
    public boolean markRetry(TenantId tenant, UUID id, OutboxClaim claim, Instant nextAttemptAt, String error) {
        return claimed(access.current().createQuery("update OutboxRow o set o.attempts = o.attempts + 1,"
                        + " o.nextAttemptAt = :next, o.lastError = :error" + WHERE_CLAIMED)
                .setParameter("next", nextAttemptAt)
                .setParameter("error", error), tenant, id, claim);
    }

    @Override
    public boolean markFailed(TenantId tenant, UUID id, OutboxClaim claim, String error) {
        return claimed(access.current().createQuery("update OutboxRow o set o.status = :failed,"
                        + " o.attempts = o.attempts + 1, o.lastError = :error" + WHERE_CLAIMED)
                .setParameter("failed", OutboxStatus.FAILED.name())
                .setParameter("error", error), tenant, id, claim);
    }

    /** Runs a single mark's conditional update; true when it changed the row. */
    private static boolean claimed(Query update, TenantId tenant, UUID id, OutboxClaim claim) {
        return update.setParameter("tenant", tenant.value())
                .setParameter("id", id)
                .setParameter("claim", claim.value())
                .setParameter("pending", PENDING)
                .executeUpdate() == 1;
    }

    @Override
    public Set<UUID> mark(TenantId tenant, OutboxClaim claim, List<OutboxMark> marks) {
        Map<UUID, OutboxMark> byId = new LinkedHashMap<>();
        marks.forEach(m -> byId.putIfAbsent(m.id(), m));
        Set<UUID> marked = new HashSet<>();
        for (List<OutboxMark> chunk : ValuesList.chunks(List.copyOf(byId.values()))) {
            ValuesList values = new ValuesList("m", "uuid", "varchar", "timestamp with time zone", "varchar");
            chunk.forEach(m -> addMark(values, m));
            String sql = dialect.get() == SqlDialect.POSTGRESQL
                    ? "UPDATE outbox o SET " + MARK_SET + " FROM (" + values.sql() + ") AS v(id, kind, at, error)"
                            + " WHERE " + MARK_MATCH + " RETURNING o.id"
                    : "SELECT id FROM FINAL TABLE (MERGE INTO outbox o USING (" + values.sql()
                            + ") AS v(id, kind, at, error) ON " + MARK_MATCH + " WHEN MATCHED THEN UPDATE SET "
                            + MARK_SET + ")";
            Query statement = values.bind(access.current().createNativeQuery(sql, MailTables.OUTBOX_IDS))
                    .setParameter("tenant", tenant.value())
                    .setParameter("claim", claim.value());
            for (Object id : statement.getResultList()) {
                marked.add((UUID) id);
            }
        }
        return marked;
    }

    /** One mark as a {@code VALUES} row (id, kind, at, error); a cell a kind does not use is a filler. */
    private static void addMark(ValuesList values, OutboxMark mark) {
        if (mark instanceof OutboxMark.Sent sent) {
            values.add(sent.id(), "SENT", sent.at(), "");
        } else if (mark instanceof OutboxMark.Retry retry) {
            values.add(retry.id(), "RETRY", retry.nextAttemptAt(), retry.error());
        } else if (mark instanceof OutboxMark.Failed failed) {
            values.add(failed.id(), "FAILED", Instant.EPOCH, failed.error());
        } else {
            values.add(mark.id(), CANCELLED, Instant.EPOCH, "");
        }
    }

    @Override
    public int cancelPending(TenantId tenant, ClientId client, MailKind kind) {
        return access.current().createQuery("update OutboxRow o set o.status = :cancelled, o.recipient = '',"
                        + " o.subject = '', o.message = '' where o.tenantId = :tenant and o.clientId = :client"
                        + " and o.kind = :kind and o.status = :pending")
                .setParameter("cancelled", CANCELLED)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("kind", kind.name())
                .setParameter("pending", PENDING)
                .executeUpdate();
    }

    @Override
    public int anonymizeRequests(TenantId tenant, String recipient) {
        // blanked requests hold an empty address: an empty one names no request
        if (recipient.isEmpty()) {
            return 0;
        }
        return access.current().createQuery("update OutboxRow o set" + BLANK_ALL
                        + " where o.tenantId = :tenant and o.clientId is null and o.recipient = :recipient")
                .setParameter("pending", PENDING)
                .setParameter("cancelled", CANCELLED)
                .setParameter("tenant", tenant.value())
                .setParameter("recipient", recipient)
                .executeUpdate();
    }

    @Override
    public boolean hasPending(TenantId tenant, ClientId client, MailKind kind) {
        return !access.current().createQuery("select o.id from OutboxRow o where o.tenantId = :tenant"
                        + " and o.clientId = :client and o.kind = :kind and o.status = :pending", UUID.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("kind", kind.name())
                .setParameter("pending", PENDING)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public int anonymize(TenantId tenant, ClientId client) {
        // a provider's error text often quotes the recipient's address, so it goes too
        return access.current().createQuery("update OutboxRow o set" + BLANK_ALL
                        + " where o.tenantId = :tenant and o.clientId = :client")
                .setParameter("pending", PENDING)
                .setParameter("cancelled", CANCELLED)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }

    @Override
    public Optional<OutboxMessage> find(TenantId tenant, UUID id) {
        EntityManager em = access.current();
        return messages(em, em.createQuery("select o from OutboxRow o where o.tenantId = :tenant and o.id = :id",
                        OutboxRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id)
                .getResultList()).stream().findFirst();
    }

    @Override
    public List<OutboxMessage> findAll(TenantId tenant, Collection<UUID> ids) {
        EntityManager em = access.current();
        List<OutboxMessage> found = new ArrayList<>();
        for (List<UUID> chunk : ValuesList.chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
            found.addAll(messages(em, em.createQuery("select o from OutboxRow o where o.tenantId = :tenant"
                            + " and o.id in :ids", OutboxRow.class)
                    .setParameter("tenant", tenant.value())
                    .setParameter("ids", chunk)
                    .getResultList()));
        }
        return found;
    }

    @Override
    public List<OutboxMessage> listForClient(TenantId tenant, ClientId client) {
        EntityManager em = access.current();
        return messages(em, em.createQuery("select o from OutboxRow o where o.tenantId = :tenant"
                        + " and o.clientId = :client order by o.createdAt, o.id", OutboxRow.class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .getResultList());
    }

    private static List<UUID> clientIds(Set<ClientId> clients) {
        return clients.stream().map(ClientId::value).toList();
    }

    /** The rows as messages; none of them stays managed (see the class comment). */
    private static List<OutboxMessage> messages(EntityManager em, List<OutboxRow> rows) {
        List<OutboxMessage> messages = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            messages.add(message(row));
            em.detach(row);
        }
        return messages;
    }

    private static OutboxMessage message(OutboxRow r) {
        return new OutboxMessage(r.id, TenantId.of(r.tenantId), Optional.ofNullable(r.clientId).map(ClientId::new),
                MailKind.valueOf(r.kind), Optional.ofNullable(r.campaignId).map(CampaignId::new), r.recipient,
                r.language, r.subject, r.message, OutboxStatus.valueOf(r.status), r.attempts, r.createdAt,
                r.nextAttemptAt, Optional.ofNullable(r.sentAt), Optional.ofNullable(r.lastError));
    }
}
