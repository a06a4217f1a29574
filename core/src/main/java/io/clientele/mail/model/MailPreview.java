package io.clientele.mail.model;

import io.clientele.common.Validate;

/**
 * A mail as staff see it before anything is sent: the language it is written in, its sender
 * identity, recipient, subject, and plain-text and HTML bodies, rendered by the same composer as
 * the real mail but with placeholder links (no token exists behind them). The recipient is a real
 * client's address, or a sample one. Immutable and thread-safe; {@link #toString()} hides the
 * recipient and the bodies.
 */
public record MailPreview(String language, SenderIdentity sender, String to, String subject, String textBody,
        String htmlBody) {

    public MailPreview {
        Validate.notNull("language", language);
        Validate.notNull("sender", sender);
        Validate.notNull("to", to);
        Validate.notNull("subject", subject);
        Validate.notNull("textBody", textBody);
        Validate.notNull("htmlBody", htmlBody);
    }

    /** The preview of a rendered mail written in {@code language}: its headers and id are left out. */
    public static MailPreview of(String language, RenderedMail mail) {
        Validate.notNull("mail", mail);
        return new MailPreview(language, mail.sender(), mail.to(), mail.subject(), mail.textBody(), mail.htmlBody());
    }

    /** Hides recipient and bodies: they carry personal data. */
    @Override
    public String toString() {
        return "MailPreview[" + language + ", bodies hidden]";
    }
}
