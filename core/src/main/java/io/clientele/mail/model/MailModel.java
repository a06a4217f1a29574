package io.clientele.mail.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.net.URI;
import java.util.Optional;

/**
 * Everything a {@code MailComposer} needs to render one localized mail: the kind, the language
 * (BCP 47), the recipient's address and first name, the staff's subject and plain-text message,
 * the personal action link (activation or password reset) with its expiry in days, the personal
 * unsubscribe link (invitations only) and the studio's name for the signature.
 *
 * <p>The composer adds greeting, signature and links itself; {@code message} is plain text and
 * must be escaped when rendered as HTML. Immutable and thread-safe.
 */
public record MailModel(
        MailKind kind,
        String language,
        String recipient,
        String recipientFirstName,
        String subject,
        String message,
        URI actionLink,
        long linkValidDays,
        Optional<URI> unsubscribeLink,
        String studioName) {

    public MailModel {
        Validate.notNull("kind", kind);
        Validate.notNull("language", language);
        Validate.notNull("recipient", recipient);
        Validate.notNull("recipientFirstName", recipientFirstName);
        subject = Text.singleLine("subject", Validate.notNull("subject", subject), 998);
        Validate.notNull("message", message);
        Validate.notNull("actionLink", actionLink);
        Validate.notNull("unsubscribeLink", unsubscribeLink);
        Validate.notNull("studioName", studioName);
    }

    /** Hides the links: they carry raw tokens and must never reach a log. */
    @Override
    public String toString() {
        return "MailModel[" + kind + ", " + language + ", links hidden]";
    }
}
