package io.clientele.mail.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The mail outbox: rows written in the same unit of work as the state change that wants a mail,
 * and claimed by dispatchers. SPI; thread-safe. A JPA implementation claims with
 * {@code FOR UPDATE SKIP LOCKED} so several instances can dispatch at once without sending twice.
 */
public interface MailOutbox {

    /**
     * Adds a pending message. A second message for the same campaign and client is refused with
     * {@link io.clientele.common.ConflictException} ({@code DUPLICATE}).
     */
    void enqueue(OutboxMessage message);

    /** True when the campaign already has a message for the client. */
    boolean existsForCampaign(TenantId tenant, UUID campaignId, ClientId client);

    /** When a mail of this kind was last enqueued for the client (any status but cancelled). */
    Optional<Instant> lastEnqueuedAt(TenantId tenant, ClientId client, MailKind kind);

    /**
     * True when a password-reset request (a message without a client, see {@link
     * OutboxMessage#isUnresolvedRequest()}) for this recipient was enqueued after {@code since} and
     * has not been resolved yet. Resolved requests (a client attached, or cancelled and blanked)
     * never match, so the answer does not depend on whether the address is a client's. SQL: an
     * index on tenant and recipient over rows without a client.
     */
    boolean hasRequestAfter(TenantId tenant, String recipient, Instant since);

    /**
     * Resolves a pending password-reset request: it now belongs to {@code client} and carries the
     * text in the client's {@code language}. Does nothing if the message is not an unresolved
     * request of this tenant (SQL: a conditional update on {@code client_id IS NULL}).
     */
    void attachClient(TenantId tenant, UUID id, ClientId client, String language, String subject, String message);

    /**
     * Claims up to {@code limit} pending messages due at {@code now}, across tenants, oldest due
     * first, and moves their {@code nextAttemptAt} to {@code now + lease} so that no other
     * dispatcher claims them meanwhile and a crashed dispatcher's rows become due again.
     */
    List<OutboxMessage> claimDue(Instant now, int limit, Duration lease);

    /** Marks a message sent. */
    void markSent(TenantId tenant, UUID id, Instant at);

    /** Records a transient failure: attempts incremented, due again at {@code nextAttemptAt}. */
    void markRetry(TenantId tenant, UUID id, Instant nextAttemptAt, String error);

    /** Marks a message failed for good. */
    void markFailed(TenantId tenant, UUID id, String error);

    /** Cancels the client's pending messages of one kind and blanks their recipient; returns how many. */
    int cancelPending(TenantId tenant, ClientId client, MailKind kind);

    /**
     * Cancels one pending message and blanks its recipient, subject and message (a request that
     * matched no client who may have a reset mail); does nothing if it is not pending.
     */
    void cancel(TenantId tenant, UUID id);

    /**
     * Erasure of the client holding the address: cancels every pending password-reset request not
     * yet resolved for this recipient, and blanks recipient and last error of every such request
     * (one given up after failed attempts included); returns how many changed.
     */
    int anonymizeRequests(TenantId tenant, String recipient);

    /** True when the client has a pending (not yet sent) message of this kind. */
    boolean hasPending(TenantId tenant, ClientId client, MailKind kind);

    /**
     * Erasure: cancels the client's pending messages and blanks recipient, subject, message and
     * last error of every message of the client, sent ones included; returns how many changed.
     */
    int anonymize(TenantId tenant, ClientId client);

    /** The message, if it exists in this tenant. */
    Optional<OutboxMessage> find(TenantId tenant, UUID id);

    /** Every message of the client, oldest first (unresolved requests belong to no client yet). */
    List<OutboxMessage> listForClient(TenantId tenant, ClientId client);
}
