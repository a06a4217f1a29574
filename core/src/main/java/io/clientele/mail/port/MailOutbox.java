package io.clientele.mail.port;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailActivity;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The mail outbox: rows written in the same unit of work as the state change that wants a mail,
 * and claimed by dispatchers. SPI; thread-safe. A JPA implementation claims with
 * {@code FOR UPDATE SKIP LOCKED} so several instances can dispatch at once without sending twice.
 */
public interface MailOutbox {

    /**
     * Adds a pending message. A second message for the same campaign and client is refused with
     * {@link io.clientele.common.ConflictException} ({@code DUPLICATE}). SQL: one {@code INSERT}; the
     * unique index on {@code (tenant_id, campaign_id, client_id)} refuses the duplicate.
     */
    void enqueue(OutboxMessage message);

    /**
     * Adds pending messages, all or none: when one of them is a second message for the same
     * campaign and client (stored already, or twice in the list), none is added and the call
     * answers {@link io.clientele.common.ConflictException} ({@code DUPLICATE}). A campaign chunk
     * enqueues its mails with one call. SQL: one batch insert (a multi-row {@code INSERT} or a JDBC
     * batch of the same statement) in the caller's unit of work; the unique index on {@code
     * (tenant_id, campaign_id, client_id)} refuses a duplicate and the unit of work rolls back.
     */
    void enqueueAll(List<OutboxMessage> messages);

    /**
     * Of the given clients, those the campaign already has a message for (whatever its status), so
     * that no re-run or resume enqueues a client twice. SQL: one {@code SELECT client_id FROM
     * outbox WHERE tenant_id = ? AND campaign_id = ? AND client_id = ANY(?)}, served by the unique
     * index on {@code (tenant_id, campaign_id, client_id)}.
     */
    Set<ClientId> heldByCampaign(TenantId tenant, CampaignId campaign, Set<ClientId> clients);

    /**
     * When a mail of this kind was last enqueued for the client (any status but cancelled). SQL: one
     * {@code SELECT max(created_at)} served by an index on {@code (tenant_id, client_id)}.
     */
    Optional<Instant> lastEnqueuedAt(TenantId tenant, ClientId client, MailKind kind);

    /**
     * For each of the given clients that has one, their mail activity of this kind: when such a
     * mail was last enqueued (any status but cancelled) and whether one is still pending; clients
     * without such a mail are left out. The resend cooldown of a whole campaign chunk comes from one
     * call. SQL: one {@code SELECT client_id, max(created_at), bool_or(status = 'PENDING') FROM
     * outbox WHERE tenant_id = ? AND kind = ? AND client_id = ANY(?) AND status <> 'CANCELLED'
     * GROUP BY client_id}, served by an index on {@code (tenant_id, client_id)}.
     */
    Map<ClientId, MailActivity> activity(TenantId tenant, MailKind kind, Set<ClientId> clients);

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

    /**
     * True when the client has a pending (not yet sent) message of this kind. SQL: one {@code SELECT
     * EXISTS} served by an index on {@code (tenant_id, client_id)}.
     */
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
