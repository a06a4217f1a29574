package io.clientele.mail.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.net.URI;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything a {@code MailComposer} needs to render one localized mail: whose mail it is (the
 * {@link Letterhead}: tenant, studio name, signature, sender identity), the kind, the language
 * (BCP 47: the client's preferred language, or else the studio's default; a composer without
 * templates in it falls back to {@link Letterhead#defaultLanguage()}), the recipient's address and first name, the subject and plain-text message, the
 * personal action link (activation or password reset) with its expiry in days, and the personal
 * unsubscribe link (invitations only). It names no other context's types: the context that wants a
 * mail sent (invitations, password resets) fills it in, and the composer knows nothing of it.
 *
 * <p>The composer is an SPI, so what reaches it is already clean: every text is checked here with
 * the rules of {@link Text}. The subject ({@value #MAX_SUBJECT} characters, the RFC 5322 line
 * limit), the recipient ({@value #MAX_RECIPIENT}) and the first name ({@value #MAX_FIRST_NAME}) are
 * single lines; the message ({@value #MAX_MESSAGE}, may be empty) is multi-line; the language is a
 * well-formed BCP 47 tag with a language subtag (rule {@code format}). No text holds control or
 * format characters (bidi overrides among them) other than the line feeds (and, in the message,
 * tabs) allowed. A broken rule is a {@link ValidationException} naming the component ({@code
 * subject}, {@code recipientFirstName}, ...); the letterhead checks its own.
 *
 * <p>The composer adds greeting, signature and links itself; {@code message} and the signature are
 * plain text and must be escaped when rendered as HTML. The rendered mail carries the letterhead's
 * tenant and sender identity. Immutable and thread-safe.
 */
public record MailModel(
        Letterhead letterhead,
        MailKind kind,
        String language,
        String recipient,
        String recipientFirstName,
        String subject,
        String message,
        URI actionLink,
        long linkValidDays,
        Optional<URI> unsubscribeLink) {

    /** The longest subject: one header line (RFC 5322). */
    public static final int MAX_SUBJECT = 998;
    /** The longest recipient address. */
    public static final int MAX_RECIPIENT = 254;
    /** The longest first name, as a client profile holds it. */
    public static final int MAX_FIRST_NAME = 100;
    /** The longest message, as an invitation message holds it. */
    public static final int MAX_MESSAGE = 5000;
    /** The longest language tag. */
    public static final int MAX_LANGUAGE = 35;

    public MailModel {
        Validate.notNull("letterhead", letterhead);
        Validate.notNull("kind", kind);
        language = languageTag("language", language);
        recipient = Text.singleLine("recipient", Validate.notBlank("recipient", recipient), MAX_RECIPIENT);
        recipientFirstName = Text.singleLine("recipientFirstName",
                Validate.notBlank("recipientFirstName", recipientFirstName), MAX_FIRST_NAME);
        subject = Text.singleLine("subject", Validate.notNull("subject", subject), MAX_SUBJECT);
        message = Text.optionalMultiLine("message", Optional.of(Validate.notNull("message", message)), MAX_MESSAGE)
                .orElse("");
        Validate.notNull("actionLink", actionLink);
        Validate.notNull("unsubscribeLink", unsubscribeLink);
    }

    /** Hides the links: they carry raw tokens and must never reach a log. */
    @Override
    public String toString() {
        return "MailModel[" + kind + ", " + language + ", links hidden]";
    }

    /** Checks a BCP 47 tag with a language subtag, of at most {@value #MAX_LANGUAGE} characters (rule {@code format}). */
    static String languageTag(String field, String value) {
        String tag = Text.singleLine(field, Validate.notBlank(field, value), MAX_LANGUAGE);
        try {
            if (new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty()) {
                throw new ValidationException(field, "format", "a language subtag is required");
            }
        } catch (IllformedLocaleException e) {
            throw new ValidationException(field, "format", "not a BCP 47 language tag");
        }
        return tag;
    }
}
