package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * In-memory {@link MailOutbox}. Claiming is atomic (one claimer at a time), so concurrent
 * dispatchers never claim the same row twice within a lease. Writes roll back with a failed unit
 * of work. Thread-safe.
 */
public final class InMemoryMailOutbox implements MailOutbox, InspectableStore {

    private final VersionedMap<UUID, OutboxMessage> messages;

    public InMemoryMailOutbox(MemoryTransactions tx) {
        this.messages = new VersionedMap<>(tx);
    }

    @Override
    public synchronized void enqueue(OutboxMessage message) {
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
    public void attachClient(TenantId tenant, UUID id, ClientId client, String language, String subject,
            String message) {
        change(tenant, id, m -> m.isUnresolvedRequest() ? m.attachedTo(client, language, subject, message) : m);
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
        List<OutboxMessage> pending = messages.values(m -> ownedBy(m, tenant, client)
                && m.kind() == kind && m.status() == OutboxStatus.PENDING);
        pending.forEach(m -> messages.put(m.id(), blanked(m, OutboxStatus.CANCELLED, m.lastError())));
        return pending.size();
    }

    @Override
    public void cancel(TenantId tenant, UUID id) {
        change(tenant, id, m -> m.status() == OutboxStatus.PENDING ? blanked(m, OutboxStatus.CANCELLED, m.lastError())
                : m);
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

    @Override
    public String storeName() {
        return "outbox";
    }

    @Override
    public List<Object> contents() {
        return messages.contents();
    }
}
