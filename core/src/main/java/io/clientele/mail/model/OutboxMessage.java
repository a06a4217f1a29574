package io.clientele.mail.model;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of the mail outbox, written in the same unit of work as the state change that wants the
 * mail sent. It holds what to send (recipient, language, staff subject and message) but never a
 * link or token: the dispatcher generates the token when it sends, so no raw token is ever at rest.
 * A campaign writes at most one row per client ({@code campaignId} + {@code clientId} is unique).
 *
 * <p>A row without a client is a password-reset <em>request</em>: "forgot password" writes it for
 * whatever well-formed address was typed, known or not, so that the request does the same work
 * either way; its {@code recipient} is that address (normalized), its subject and message are
 * empty. The dispatcher resolves it when it claims it: it attaches the client who holds the
 * address (and the text in their language), or cancels it and blanks the address.
 *
 * <p>{@code nextAttemptAt} is when the row is next due; claiming a row moves it forward by a lease,
 * so a dispatcher that crashes mid-batch leaves its rows due again (at-least-once delivery).
 * Immutable and thread-safe.
 */
public record OutboxMessage(
        UUID id,
        TenantId tenantId,
        Optional<ClientId> clientId,
        MailKind kind,
        Optional<CampaignId> campaignId,
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
        if (clientId.isEmpty() && (kind != MailKind.PASSWORD_RESET || campaignId.isPresent())) {
            throw new ValidationException("clientId", "required", "only a password-reset request has no client yet");
        }
    }

    /** A new pending message for a client, due now. */
    public static OutboxMessage pending(UUID id, TenantId tenant, ClientId client, MailKind kind,
            Optional<CampaignId> campaignId, String recipient, String language, String subject, String message,
            Instant now) {
        Validate.notNull("clientId", client);
        return new OutboxMessage(id, tenant, Optional.of(client), kind, campaignId, recipient, language, subject,
                message, OutboxStatus.PENDING, 0, now, now, Optional.empty(), Optional.empty());
    }

    /**
     * A new password-reset request for {@code recipient} (the normalized address typed on the
     * "forgot password" form), not yet matched to a client, in the tenant's default {@code
     * language} until it is; due now.
     */
    public static OutboxMessage resetRequest(UUID id, TenantId tenant, String recipient, String language,
            Instant now) {
        return new OutboxMessage(id, tenant, Optional.empty(), MailKind.PASSWORD_RESET, Optional.empty(), recipient,
                language, "", "", OutboxStatus.PENDING, 0, now, now, Optional.empty(), Optional.empty());
    }

    /**
     * This request resolved: it now belongs to {@code client} and carries the text in the client's
     * {@code language}; everything else (status, attempts, due time) stays.
     */
    public OutboxMessage attachedTo(ClientId client, String language, String subject, String message) {
        return new OutboxMessage(id, tenantId, Optional.of(client), kind, campaignId, recipient, language, subject,
                message, status, attempts, createdAt, nextAttemptAt, sentAt, lastError);
    }

    /** True for a password-reset request the dispatcher has not matched to a client yet. */
    public boolean isUnresolvedRequest() {
        return clientId.isEmpty();
    }
}
