package io.clientele.adapter.memory;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailActivity;
import io.clientele.common.ValidationException;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * In-memory {@link MailOutbox}. Claiming is atomic (one claimer at a time), so concurrent
 * dispatchers never claim the same row twice within a lease; it walks an index of the pending rows
 * ordered by due time, as the SQL claim walks its index, so its cost does not grow with the rows
 * already sent. Marks find their row by id and apply only under the claim that row carries. Writes,
 * and the indexes, roll back with a failed unit of work. Thread-safe.
 *
 * <p>Look-ups by client, by campaign and client, and by request address use indexes kept like the
 * SQL indexes they stand for, so their cost does not grow with the number of rows: tenant and
 * client to the client's rows (its activity, pending mails, erasure), tenant, campaign and client
 * to the campaign's row (the unique key that refuses a second one), and tenant and address to the
 * unresolved password-reset requests. Rows are never deleted, so the indexes only grow with
 * inserts (and a request's entry goes once it is resolved or blanked); each look-up re-reads the
 * rows it finds, so a change of status never leaves an index stale. Index entries roll back with
 * the rows they point to.
 */
public final class InMemoryMailOutbox implements MailOutbox, InspectableStore {

    private record ClientKey(TenantId tenant, ClientId client) {
    }

    private record CampaignKey(TenantId tenant, CampaignId campaign, ClientId client) {
    }

    private record RequestKey(TenantId tenant, String recipient) {
    }

    private final MemoryTransactions tx;
    /** The pending rows by due time, then id: the claim's index. */
    private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>();
    private final IndexedMap<UUID, OutboxMessage> messages;
    /** The claim each claimed row carries (SQL: a {@code claimed_by} column). */
    private final VersionedMap<UUID, OutboxClaim> claims;
    /** Each client's rows: an index on {@code (tenant_id, client_id)}. */
    private final ConcurrentHashMap<ClientKey, Set<UUID>> byClient = new ConcurrentHashMap<>();
    /** Each campaign's row per client: the unique index on {@code (tenant_id, campaign_id, client_id)}. */
    private final ConcurrentHashMap<CampaignKey, UUID> byCampaign = new ConcurrentHashMap<>();
    /** Unresolved password-reset requests per address: an index on {@code (tenant_id, recipient)}. */
    private final ConcurrentHashMap<RequestKey, Set<UUID>> requests = new ConcurrentHashMap<>();
    /** Stored rows read by the look-ups, for tests that show their cost does not grow with the outbox. */
    private final AtomicLong rowsRead = new AtomicLong();

    public InMemoryMailOutbox(MemoryTransactions tx) {
        this.tx = tx;
        this.messages = new IndexedMap<>(tx, List.of(new DueIndex()));
        this.claims = new VersionedMap<>(tx);
    }

    @Override
    public synchronized void enqueue(OutboxMessage message) {
        refuseStoredId(message);
        refuseSecondCampaignRow(message);
        insert(message);
    }

    /** Checks the whole batch first, so that a refused batch adds nothing even outside a unit of work. */
    @Override
    public synchronized void enqueueAll(List<OutboxMessage> batch) {
        Set<CampaignKey> seen = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (OutboxMessage message : batch) {
            refuseStoredId(message);
            if (!ids.add(message.id())) {
                throw storedId(message);
            }
            refuseSecondCampaignRow(message);
            campaignKey(message).filter(key -> !seen.add(key)).ifPresent(key -> {
                throw duplicateCampaignRow();
            });
        }
        batch.forEach(this::insert);
    }

    /** The primary key: a second enqueue of one id must not reset a row already sent. */
    private void refuseStoredId(OutboxMessage message) {
        if (messages.get(message.id()).isPresent()) {
            throw storedId(message);
        }
    }

    private static ConflictException storedId(OutboxMessage message) {
        return ConflictException.duplicate("id", "outbox message " + message.id() + " exists");
    }

    private void refuseSecondCampaignRow(OutboxMessage message) {
        if (campaignKey(message).filter(byCampaign::containsKey).isPresent()) {
            throw duplicateCampaignRow();
        }
    }

    private static ConflictException duplicateCampaignRow() {
        return ConflictException.duplicate("campaignId", "the campaign already has a mail for this client");
    }

    private static Optional<CampaignKey> campaignKey(OutboxMessage m) {
        return m.campaignId().map(campaign -> new CampaignKey(m.tenantId(), campaign, m.clientId().orElseThrow()));
    }

    /** Stores a new row and its index entries; a rollback takes exactly these entries out again. */
    private void insert(OutboxMessage message) {
        messages.put(message.id(), message);
        message.clientId().ifPresentOrElse(
                client -> index(byClient, new ClientKey(message.tenantId(), client), message.id()),
                () -> index(requests, new RequestKey(message.tenantId(), message.recipient()), message.id()));
        campaignKey(message).ifPresent(key -> {
            byCampaign.put(key, message.id());
            tx.onRollback(() -> byCampaign.remove(key, message.id()));
        });
    }

    private <K> void index(ConcurrentHashMap<K, Set<UUID>> index, K key, UUID id) {
        add(index, key, id);
        tx.onRollback(() -> remove(index, key, id));
    }

    /**
     * Takes a request out of its address's entry (resolved, or its address blanked); an entry left
     * empty goes with its key, so the index keeps no address that no request holds any more.
     */
    private void unindexRequest(OutboxMessage request) {
        RequestKey key = new RequestKey(request.tenantId(), request.recipient());
        if (remove(requests, key, request.id())) {
            tx.onRollback(() -> add(requests, key, request.id()));
        }
    }

    private static <K> void add(ConcurrentHashMap<K, Set<UUID>> index, K key, UUID id) {
        index.compute(key, (k, ids) -> {
            Set<UUID> entry = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            entry.add(id);
            return entry;
        });
    }

    private static <K> boolean remove(ConcurrentHashMap<K, Set<UUID>> index, K key, UUID id) {
        boolean[] removed = {false};
        index.computeIfPresent(key, (k, ids) -> {
            removed[0] = ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
        return removed[0];
    }

    @Override
    public Set<ClientId> heldByCampaign(TenantId tenant, CampaignId campaign, Set<ClientId> clients) {
        Set<ClientId> held = new HashSet<>();
        for (ClientId client : clients) {
            rowsRead.incrementAndGet();
            if (byCampaign.containsKey(new CampaignKey(tenant, campaign, client))) {
                held.add(client);
            }
        }
        return held;
    }

    @Override
    public Optional<Instant> lastEnqueuedAt(TenantId tenant, ClientId client, MailKind kind) {
        return rowsOf(tenant, client).stream()
                .filter(m -> m.kind() == kind && m.status() != OutboxStatus.CANCELLED)
                .map(OutboxMessage::createdAt).max(Comparator.naturalOrder());
    }

    @Override
    public Map<ClientId, MailActivity> activity(TenantId tenant, MailKind kind, Set<ClientId> clients) {
        Map<ClientId, MailActivity> activity = new HashMap<>();
        for (ClientId client : clients) {
            Instant last = null;
            boolean pending = false;
            for (OutboxMessage m : rowsOf(tenant, client)) {
                if (m.kind() == kind && m.status() != OutboxStatus.CANCELLED) {
                    last = last == null || m.createdAt().isAfter(last) ? m.createdAt() : last;
                    pending |= m.status() == OutboxStatus.PENDING;
                }
            }
            if (last != null) {
                activity.put(client, new MailActivity(last, pending));
            }
        }
        return activity;
    }

    @Override
    public boolean hasRequestAfter(TenantId tenant, String recipient, Instant since) {
        return requestsFor(tenant, recipient).stream().anyMatch(m -> m.createdAt().isAfter(since));
    }

    @Override
    public synchronized void attachClients(TenantId tenant, List<OutboxMessage> resolved) {
        for (OutboxMessage r : resolved) {
            ClientId client = r.clientId().orElseThrow(() -> new ValidationException("clientId", "required",
                    "a resolved request names its client"));
            find(tenant, r.id()).filter(OutboxMessage::isUnresolvedRequest).ifPresent(request -> {
                messages.put(r.id(), request.attachedTo(client, r.language(), r.subject(), r.message()));
                unindexRequest(request);
                index(byClient, new ClientKey(tenant, client), r.id());
            });
        }
    }

    @Override
    public synchronized List<OutboxMessage> claimDue(OutboxClaim claim, Instant now, int limit, Duration lease) {
        List<OutboxMessage> claimed = new ArrayList<>(Math.min(limit, 1024));
        Instant leaseEnd = now.plus(lease);
        // collected first: claiming moves a row within the index being walked
        List<OutboxMessage> dueNow = new ArrayList<>(Math.min(limit, 1024));
        for (Due d : due) {
            if (dueNow.size() == limit || d.at().isAfter(now)) {
                break;
            }
            messages.get(d.id()).filter(m -> m.status() == OutboxStatus.PENDING && !m.nextAttemptAt().isAfter(now))
                    .ifPresent(dueNow::add);
        }
        for (OutboxMessage m : dueNow) {
            OutboxMessage leased = with(m, m.status(), m.attempts(), leaseEnd, m.sentAt(), m.lastError());
            messages.put(m.id(), leased);
            claims.put(m.id(), claim);
            claimed.add(leased);
        }
        return claimed;
    }

    @Override
    public boolean markSent(TenantId tenant, UUID id, OutboxClaim claim, Instant at) {
        return mark(tenant, claim, List.of(new OutboxMark.Sent(id, at))).contains(id);
    }

    @Override
    public boolean markRetry(TenantId tenant, UUID id, OutboxClaim claim, Instant nextAttemptAt, String error) {
        return mark(tenant, claim, List.of(new OutboxMark.Retry(id, nextAttemptAt, error))).contains(id);
    }

    @Override
    public boolean markFailed(TenantId tenant, UUID id, OutboxClaim claim, String error) {
        return mark(tenant, claim, List.of(new OutboxMark.Failed(id, error))).contains(id);
    }

    @Override
    public synchronized Set<UUID> mark(TenantId tenant, OutboxClaim claim, List<OutboxMark> marks) {
        Set<UUID> marked = new HashSet<>();
        for (OutboxMark mark : marks) {
            Optional<OutboxMessage> row = find(tenant, mark.id())
                    .filter(m -> m.status() == OutboxStatus.PENDING)
                    .filter(m -> claims.get(m.id()).equals(Optional.of(claim)));
            if (row.isPresent()) {
                messages.put(mark.id(), marked(row.get(), mark));
                if (row.get().isUnresolvedRequest() && mark instanceof OutboxMark.Cancelled) {
                    unindexRequest(row.get());
                }
                marked.add(mark.id());
            }
        }
        return marked;
    }

    private static OutboxMessage marked(OutboxMessage m, OutboxMark mark) {
        if (mark instanceof OutboxMark.Sent sent) {
            return with(m, OutboxStatus.SENT, m.attempts() + 1, m.nextAttemptAt(), Optional.of(sent.at()),
                    m.lastError());
        }
        if (mark instanceof OutboxMark.Retry retry) {
            return with(m, OutboxStatus.PENDING, m.attempts() + 1, retry.nextAttemptAt(), m.sentAt(),
                    Optional.of(retry.error()));
        }
        if (mark instanceof OutboxMark.Failed failed) {
            return with(m, OutboxStatus.FAILED, m.attempts() + 1, m.nextAttemptAt(), m.sentAt(),
                    Optional.of(failed.error()));
        }
        return blanked(m, OutboxStatus.CANCELLED, m.lastError());
    }

    @Override
    public synchronized int cancelPending(TenantId tenant, ClientId client, MailKind kind) {
        List<OutboxMessage> pending = rowsOf(tenant, client).stream()
                .filter(m -> m.kind() == kind && m.status() == OutboxStatus.PENDING).toList();
        pending.forEach(m -> messages.put(m.id(), blanked(m, OutboxStatus.CANCELLED, m.lastError())));
        return pending.size();
    }

    @Override
    public synchronized int anonymizeRequests(TenantId tenant, String recipient) {
        List<OutboxMessage> matching = requestsFor(tenant, recipient);
        for (OutboxMessage m : matching) {
            OutboxStatus status = m.status() == OutboxStatus.PENDING ? OutboxStatus.CANCELLED : m.status();
            messages.put(m.id(), blanked(m, status, Optional.empty()));
            // the index keyed by the address must not keep it either
            unindexRequest(m);
        }
        return matching.size();
    }

    @Override
    public boolean hasPending(TenantId tenant, ClientId client, MailKind kind) {
        return rowsOf(tenant, client).stream().anyMatch(m -> m.kind() == kind && m.status() == OutboxStatus.PENDING);
    }

    @Override
    public synchronized int anonymize(TenantId tenant, ClientId client) {
        List<OutboxMessage> all = listForClient(tenant, client);
        for (OutboxMessage m : all) {
            OutboxStatus status = m.status() == OutboxStatus.PENDING ? OutboxStatus.CANCELLED : m.status();
            // a provider's error text often quotes the recipient's address
            messages.put(m.id(), blanked(m, status, Optional.empty()));
        }
        return all.size();
    }

    /** The client's rows as they are now, through the client index. */
    private List<OutboxMessage> rowsOf(TenantId tenant, ClientId client) {
        return read(byClient.getOrDefault(new ClientKey(tenant, client), Set.of()));
    }

    /** The unresolved requests for the address as they are now, through the request index. */
    private List<OutboxMessage> requestsFor(TenantId tenant, String recipient) {
        return read(requests.getOrDefault(new RequestKey(tenant, recipient), Set.of())).stream()
                .filter(m -> m.isUnresolvedRequest() && m.recipient().equals(recipient)).toList();
    }

    private List<OutboxMessage> read(Set<UUID> ids) {
        List<OutboxMessage> rows = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            rowsRead.incrementAndGet();
            messages.get(id).ifPresent(rows::add);
        }
        return rows;
    }

    /**
     * How many stored rows the look-ups have read so far. A test compares it before and after a
     * look-up to show that the look-up reads the same number of rows however many the outbox holds.
     */
    long rowsRead() {
        return rowsRead.get();
    }

    private static OutboxMessage blanked(OutboxMessage m, OutboxStatus status, Optional<String> lastError) {
        return new OutboxMessage(m.id(), m.tenantId(), m.clientId(), m.kind(), m.campaignId(), "", m.language(), "",
                "", status, m.attempts(), m.createdAt(), m.nextAttemptAt(), m.sentAt(), lastError);
    }

    @Override
    public Optional<OutboxMessage> find(TenantId tenant, UUID id) {
        return messages.get(id).filter(m -> m.tenantId().equals(tenant));
    }

    @Override
    public List<OutboxMessage> findAll(TenantId tenant, Collection<UUID> ids) {
        List<OutboxMessage> found = new ArrayList<>(ids.size());
        // each row once, however often it is named, as SQL's id = ANY(?) answers
        for (UUID id : new LinkedHashSet<>(ids)) {
            find(tenant, id).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public List<OutboxMessage> listForClient(TenantId tenant, ClientId client) {
        return rowsOf(tenant, client).stream()
                .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id)).toList();
    }

    /** Every message, for tests. */
    public List<OutboxMessage> all() {
        return messages.values(m -> true).stream()
                .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id)).toList();
    }

    private synchronized void change(TenantId tenant, UUID id, UnaryOperator<OutboxMessage> change) {
        find(tenant, id).ifPresent(m -> messages.put(id, change.apply(m)));
    }

    private static OutboxMessage with(OutboxMessage m, OutboxStatus status, int attempts, Instant next,
            Optional<Instant> sentAt, Optional<String> error) {
        return new OutboxMessage(m.id(), m.tenantId(), m.clientId(), m.kind(), m.campaignId(), m.recipient(),
                m.language(), m.subject(), m.message(), status, attempts, m.createdAt(), next, sentAt, error);
    }

    /** A pending row's place in the claim's index: due time, then id. */
    private record Due(Instant at, UUID id) implements Comparable<Due> {

        private static final Comparator<Due> ORDER = Comparator.comparing(Due::at).thenComparing(Due::id);

        @Override
        public int compareTo(Due other) {
            return ORDER.compare(this, other);
        }
    }

    /** Keeps {@link #due}: a row is in it while it is pending. */
    private final class DueIndex implements IndexedMap.Index<UUID, OutboxMessage> {

        @Override
        public void add(UUID id, OutboxMessage m) {
            if (m.status() == OutboxStatus.PENDING) {
                due.add(new Due(m.nextAttemptAt(), id));
            }
        }

        @Override
        public void remove(UUID id, OutboxMessage m) {
            due.remove(new Due(m.nextAttemptAt(), id));
        }
    }

    /** How many times a call scanned every row so far (claims and marks never do); for tests. */
    long scans() {
        return messages.scans();
    }

    @Override
    public String storeName() {
        return "outbox";
    }

    @Override
    public List<Object> contents() {
        return messages.contents();
    }
}
