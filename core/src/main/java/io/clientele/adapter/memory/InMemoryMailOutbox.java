package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
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
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.UnaryOperator;

/**
 * In-memory {@link MailOutbox}. Claiming is atomic (one claimer at a time), so concurrent
 * dispatchers never claim the same row twice within a lease; it walks an index of the pending rows
 * ordered by due time, as the SQL claim walks its index, so its cost does not grow with the rows
 * already sent. Marks find their row by id and apply only under the claim that row carries. Writes,
 * and the indexes, roll back with a failed unit of work. Thread-safe.
 */
public final class InMemoryMailOutbox implements MailOutbox, InspectableStore {

    /** The pending rows by due time, then id: the claim's index. */
    private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>();
    private final IndexedMap<UUID, OutboxMessage> messages;
    /** The claim each claimed row carries (SQL: a {@code claimed_by} column). */
    private final VersionedMap<UUID, OutboxClaim> claims;

    public InMemoryMailOutbox(MemoryTransactions tx) {
        this.messages = new IndexedMap<>(tx, List.of(new DueIndex()));
        this.claims = new VersionedMap<>(tx);
    }

    @Override
    public synchronized void enqueue(OutboxMessage message) {
        if (messages.get(message.id()).isPresent()) {
            // the primary key: a second enqueue of one id must not reset a row already sent
            throw ConflictException.duplicate("id", "outbox message " + message.id() + " exists");
        }
        if (message.campaignId().isPresent()
                && existsForCampaign(message.tenantId(), message.campaignId().get(),
                        message.clientId().orElseThrow())) {
            throw ConflictException.duplicate("campaignId", "the campaign already has a mail for this client");
        }
        messages.put(message.id(), message);
    }

    @Override
    public boolean existsForCampaign(TenantId tenant, UUID campaignId, ClientId client) {
        return !messages.values(m -> ownedBy(m, tenant, client)
                && m.campaignId().equals(Optional.of(campaignId))).isEmpty();
    }

    @Override
    public Map<ClientId, Instant> lastEnqueuedAt(TenantId tenant, Collection<ClientId> clients, MailKind kind) {
        Map<ClientId, Instant> last = new HashMap<>();
        for (ClientId client : clients) {
            lastEnqueuedAt(tenant, client, kind).ifPresent(at -> last.put(client, at));
        }
        return last;
    }

    @Override
    public Optional<Instant> lastEnqueuedAt(TenantId tenant, ClientId client, MailKind kind) {
        return messages.values(m -> ownedBy(m, tenant, client) && m.kind() == kind
                        && m.status() != OutboxStatus.CANCELLED).stream()
                .map(OutboxMessage::createdAt).max(Comparator.naturalOrder());
    }

    @Override
    public boolean hasRequestAfter(TenantId tenant, String recipient, Instant since) {
        return !messages.values(m -> m.tenantId().equals(tenant) && m.isUnresolvedRequest()
                && m.recipient().equals(recipient) && m.createdAt().isAfter(since)).isEmpty();
    }

    @Override
    public synchronized void attachClients(TenantId tenant, List<OutboxMessage> resolved) {
        for (OutboxMessage r : resolved) {
            ClientId client = r.clientId().orElseThrow(() -> new ValidationException("clientId", "required",
                    "a resolved request names its client"));
            change(tenant, r.id(), m -> m.isUnresolvedRequest()
                    ? m.attachedTo(client, r.language(), r.subject(), r.message())
                    : m);
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
        List<OutboxMessage> pending = messages.values(m -> ownedBy(m, tenant, client)
                && m.kind() == kind && m.status() == OutboxStatus.PENDING);
        pending.forEach(m -> messages.put(m.id(), blanked(m, OutboxStatus.CANCELLED, m.lastError())));
        return pending.size();
    }

    @Override
    public synchronized int anonymizeRequests(TenantId tenant, String recipient) {
        List<OutboxMessage> requests = messages.values(m -> m.tenantId().equals(tenant) && m.isUnresolvedRequest()
                && m.recipient().equals(recipient));
        for (OutboxMessage m : requests) {
            OutboxStatus status = m.status() == OutboxStatus.PENDING ? OutboxStatus.CANCELLED : m.status();
            messages.put(m.id(), blanked(m, status, Optional.empty()));
        }
        return requests.size();
    }

    @Override
    public boolean hasPending(TenantId tenant, ClientId client, MailKind kind) {
        return !messages.values(m -> ownedBy(m, tenant, client) && m.kind() == kind
                && m.status() == OutboxStatus.PENDING).isEmpty();
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

    private static boolean ownedBy(OutboxMessage m, TenantId tenant, ClientId client) {
        return m.tenantId().equals(tenant) && m.clientId().equals(Optional.of(client));
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
        return messages.values(m -> ownedBy(m, tenant, client)).stream()
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
