package io.clientele.mail.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of the mail outbox, written in the same unit of work as the state change that wants the
 * mail sent. It holds what to send (recipient, language, staff subject and message) but never a
 * link or token: the dispatcher generates the token when it sends, so no raw token is ever at rest.
 * A campaign writes at most one row per client ({@code campaignId} + {@code clientId} is unique).
 *
 * <p>{@code nextAttemptAt} is when the row is next due; claiming a row moves it forward by a lease,
 * so a dispatcher that crashes mid-batch leaves its rows due again (at-least-once delivery).
 * Immutable and thread-safe.
 */
public record OutboxMessage(
        UUID id,
        TenantId tenantId,
        ClientId clientId,
        MailKind kind,
        Optional<UUID> campaignId,
        String recipient,
        String language,
        String subject,
        String message,
        OutboxStatus status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Optional<Instant> sentAt,
        Optional<String> lastError) {

    public OutboxMessage {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("kind", kind);
        Validate.notNull("campaignId", campaignId);
        Validate.notNull("recipient", recipient);
        Validate.notNull("language", language);
        Validate.notNull("subject", subject);
        Validate.notNull("message", message);
        Validate.notNull("status", status);
        Validate.notNull("createdAt", createdAt);
        Validate.notNull("nextAttemptAt", nextAttemptAt);
        Validate.notNull("sentAt", sentAt);
        Validate.notNull("lastError", lastError);
    }

    /** A new pending message, due now. */
    public static OutboxMessage pending(UUID id, TenantId tenant, ClientId client, MailKind kind,
            Optional<UUID> campaignId, String recipient, String language, String subject, String message,
            Instant now) {
        return new OutboxMessage(id, tenant, client, kind, campaignId, recipient, language, subject, message,
                OutboxStatus.PENDING, 0, now, now, Optional.empty(), Optional.empty());
    }
}
