package io.clientele.mail.port;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailActivity;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The mail outbox: rows written in the same unit of work as the state change that wants a mail,
 * and claimed by dispatchers. SPI; thread-safe. A JPA implementation claims with
 * {@code FOR UPDATE SKIP LOCKED} so several instances can dispatch at once without sending twice,
 * and stamps each claim's token on its rows, so that a dispatcher's marks are conditional updates
 * that change nothing once another dispatcher has claimed the row.
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
     * Resolves pending password-reset requests: each row of {@code resolved} (a request of this
     * tenant as {@link OutboxMessage#attachedTo} made it) gives the client, language, subject and
     * message for the stored row with its id; everything else of the stored row stays. A stored
     * row that is not an unresolved request of this tenant is left as it is. SQL: one batched
     * {@code UPDATE ... SET client_id = ?, language = ?, subject = ?, message = ? WHERE tenant_id =
     * ? AND id = ? AND client_id IS NULL}.
     */
    void attachClients(TenantId tenant, List<OutboxMessage> resolved);

    /**
     * Claims up to {@code limit} pending messages due at {@code now}, across tenants, oldest due
     * first (then by id), stamps them with {@code claim} and moves their {@code nextAttemptAt} to
     * {@code now + lease}, so that no other dispatcher claims them meanwhile and a crashed
     * dispatcher's rows become due again; answers them as claimed. Atomic per row: two claimers
     * never both claim a row within its lease. The one statement that spans tenants; SQL: {@code
     * UPDATE outbox SET claimed_by = ?, next_attempt_at = ? WHERE id IN (SELECT id FROM outbox WHERE
     * status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE
     * SKIP LOCKED) RETURNING *}, served by an index on {@code next_attempt_at} over pending rows (it
     * can run per shard of a tenant-sharded database).
     */
    List<OutboxMessage> claimDue(OutboxClaim claim, Instant now, int limit, Duration lease);

    /**
     * Marks a message sent at {@code at}, if it is still pending under {@code claim}; true exactly
     * when it did. False (and nothing changed) when the row was cancelled meanwhile, or another
     * dispatcher claimed it after this claim's lease ran out. SQL: {@code UPDATE ... WHERE
     * tenant_id = ? AND id = ? AND claimed_by = ? AND status = 'PENDING'}.
     */
    boolean markSent(TenantId tenant, UUID id, OutboxClaim claim, Instant at);

    /**
     * Records a transient failure (attempts incremented, due again at {@code nextAttemptAt}) if
     * the message is still pending under {@code claim}; true exactly when it did, as {@link
     * #markSent}.
     */
    boolean markRetry(TenantId tenant, UUID id, OutboxClaim claim, Instant nextAttemptAt, String error);

    /**
     * Marks a message failed for good (attempts incremented) if it is still pending under {@code
     * claim}; true exactly when it did, as {@link #markSent}.
     */
    boolean markFailed(TenantId tenant, UUID id, OutboxClaim claim, String error);

    /**
     * The batch form of the marks: applies each mark (see {@link OutboxMark}) to the tenant's row
     * with its id if that row is still pending under {@code claim}; answers the ids of the rows it
     * changed. The others (cancelled meanwhile, or claimed by another dispatcher after this claim's
     * lease ran out, or unknown in this tenant) are left as they are. SQL: one {@code UPDATE outbox
     * o SET ... FROM (VALUES ...) v WHERE o.tenant_id = ? AND o.id = v.id AND o.claimed_by = ? AND
     * o.status = 'PENDING' RETURNING o.id}, by primary key.
     */
    Set<UUID> mark(TenantId tenant, OutboxClaim claim, List<OutboxMark> marks);

    /** Cancels the client's pending messages of one kind and blanks their recipient; returns how many. */
    int cancelPending(TenantId tenant, ClientId client, MailKind kind);

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

    /**
     * The tenant's messages among {@code ids} (unknown ids, and ids of another tenant, are left
     * out), in no particular order. SQL: one {@code SELECT ... WHERE tenant_id = ? AND id =
     * ANY(?)}, by primary key.
     */
    List<OutboxMessage> findAll(TenantId tenant, Collection<UUID> ids);

    /** Every message of the client, oldest first (unresolved requests belong to no client yet). */
    List<OutboxMessage> listForClient(TenantId tenant, ClientId client);
}
