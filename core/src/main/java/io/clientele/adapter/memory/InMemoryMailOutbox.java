package io.clientele.adapter.memory;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailActivity;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * In-memory {@link MailOutbox}. Claiming is atomic (one claimer at a time), so concurrent
 * dispatchers never claim the same row twice within a lease. Writes roll back with a failed unit
 * of work. Thread-safe.
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
    private final VersionedMap<UUID, OutboxMessage> messages;
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
        this.messages = new VersionedMap<>(tx);
    }

    @Override
    public synchronized void enqueue(OutboxMessage message) {
        refuseSecondCampaignRow(message);
        insert(message);
    }

    /** Checks the whole batch first, so that a refused batch adds nothing even outside a unit of work. */
    @Override
    public synchronized void enqueueAll(List<OutboxMessage> batch) {
        Set<CampaignKey> seen = new HashSet<>();
        for (OutboxMessage message : batch) {
            refuseSecondCampaignRow(message);
            campaignKey(message).filter(key -> !seen.add(key)).ifPresent(key -> {
                throw duplicateCampaignRow();
            });
        }
        batch.forEach(this::insert);
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
    public synchronized void attachClient(TenantId tenant, UUID id, ClientId client, String language, String subject,
            String message) {
        find(tenant, id).filter(OutboxMessage::isUnresolvedRequest).ifPresent(request -> {
            messages.put(id, request.attachedTo(client, language, subject, message));
            unindexRequest(request);
            index(byClient, new ClientKey(tenant, client), id);
        });
    }

    @Override
    public synchronized List<OutboxMessage> claimDue(Instant now, int limit, Duration lease) {
        List<OutboxMessage> due = messages.values(m -> m.status() == OutboxStatus.PENDING
                        && !m.nextAttemptAt().isAfter(now)).stream()
                .sorted(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::id))
                .limit(limit)
                .toList();
        Instant leaseEnd = now.plus(lease);
        return due.stream().map(m -> {
            OutboxMessage claimed = with(m, m.status(), m.attempts(), leaseEnd, m.sentAt(), m.lastError());
            messages.put(m.id(), claimed);
            return claimed;
        }).toList();
    }

    @Override
    public void markSent(TenantId tenant, UUID id, Instant at) {
        change(tenant, id, m -> with(m, OutboxStatus.SENT, m.attempts() + 1, m.nextAttemptAt(), Optional.of(at),
                m.lastError()));
    }

    @Override
    public void markRetry(TenantId tenant, UUID id, Instant nextAttemptAt, String error) {
        change(tenant, id, m -> with(m, OutboxStatus.PENDING, m.attempts() + 1, nextAttemptAt, m.sentAt(),
                Optional.of(error)));
    }

    @Override
    public void markFailed(TenantId tenant, UUID id, String error) {
        change(tenant, id, m -> with(m, OutboxStatus.FAILED, m.attempts() + 1, m.nextAttemptAt(), m.sentAt(),
                Optional.of(error)));
    }

    @Override
    public synchronized int cancelPending(TenantId tenant, ClientId client, MailKind kind) {
        List<OutboxMessage> pending = rowsOf(tenant, client).stream()
                .filter(m -> m.kind() == kind && m.status() == OutboxStatus.PENDING).toList();
        pending.forEach(m -> messages.put(m.id(), blanked(m, OutboxStatus.CANCELLED, m.lastError())));
        return pending.size();
    }

    @Override
    public synchronized void cancel(TenantId tenant, UUID id) {
        find(tenant, id).filter(m -> m.status() == OutboxStatus.PENDING).ifPresent(m -> {
            messages.put(id, blanked(m, OutboxStatus.CANCELLED, m.lastError()));
            if (m.isUnresolvedRequest()) {
                unindexRequest(m);
            }
        });
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

    @Override
    public String storeName() {
        return "outbox";
    }

    @Override
    public List<Object> contents() {
        return messages.contents();
    }
}
