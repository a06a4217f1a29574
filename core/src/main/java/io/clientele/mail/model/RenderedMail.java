package io.clientele.mail.model;

import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.util.Map;
import java.util.UUID;

/**
 * A mail ready to send: the tenant it is sent for, the {@link SenderIdentity} its {@code From}
 * (display name and address) and {@code Reply-To} headers carry, recipient, subject, plain-text and
 * HTML bodies, and extra headers (for invitations, RFC 8058 {@code List-Unsubscribe} and {@code
 * List-Unsubscribe-Post}). {@code id} is the outbox message id, so results can be matched to rows.
 * A sender chooses per mail by {@code tenantId} and {@code sender} (its domain, {@link
 * SenderIdentity#asciiDomain()}) which account, route or DKIM key to use; every studio of one
 * batch may differ.
 *
 * <p>The bodies contain raw tokens in links: {@link #toString()} hides them. Immutable and
 * thread-safe.
 */
public record RenderedMail(UUID id, TenantId tenantId, SenderIdentity sender, String to, String subject,
        String textBody, String htmlBody, Map<String, String> headers) {

    public RenderedMail {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("sender", sender);
        Validate.notNull("to", to);
        Validate.notNull("subject", subject);
        Validate.notNull("textBody", textBody);
        Validate.notNull("htmlBody", htmlBody);
        headers = Map.copyOf(headers);
    }

    /** Hides recipient and bodies: they carry personal data and raw tokens. */
    @Override
    public String toString() {
        return "RenderedMail[" + id + ", " + tenantId + ", bodies hidden]";
    }
}
