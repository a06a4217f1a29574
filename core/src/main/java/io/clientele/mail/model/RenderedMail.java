package io.clientele.mail.model;

import io.clientele.common.Validate;
import java.util.Map;
import java.util.UUID;

/**
 * A mail ready to send: recipient, subject, plain-text and HTML bodies, and extra headers (for
 * invitations, RFC 8058 {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}). {@code id}
 * is the outbox message id, so results can be matched to rows.
 *
 * <p>The bodies contain raw tokens in links: {@link #toString()} hides them. Immutable and
 * thread-safe.
 */
public record RenderedMail(UUID id, String to, String subject, String textBody, String htmlBody,
        Map<String, String> headers) {

    public RenderedMail {
        Validate.notNull("id", id);
        Validate.notNull("to", to);
        Validate.notNull("subject", subject);
        Validate.notNull("textBody", textBody);
        Validate.notNull("htmlBody", htmlBody);
        headers = Map.copyOf(headers);
    }

    /** Hides recipient and bodies: they carry personal data and raw tokens. */
    @Override
    public String toString() {
        return "RenderedMail[" + id + ", bodies hidden]";
    }
}
