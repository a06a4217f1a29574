package io.clientele.mail.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.net.URI;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything a {@code MailComposer} needs to render one localized mail: the kind, the language
 * (BCP 47), the recipient's address and first name, the staff's subject and plain-text message,
 * the personal action link (activation or password reset) with its expiry in days, the personal
 * unsubscribe link (invitations only), the studio's name, and the studio's optional signature,
 * which a composer renders under the closing in place of the bare studio name.
 *
 * <p>The composer is an SPI, so what reaches it is already clean: every text is checked here with
 * the rules of {@link Text}. The subject ({@value #MAX_SUBJECT} characters, the RFC 5322 line
 * limit), the recipient ({@value #MAX_RECIPIENT}), the first name ({@value #MAX_FIRST_NAME}) and
 * the studio name ({@value #MAX_STUDIO_NAME}) are single lines; the message ({@value #MAX_MESSAGE},
 * may be empty) is multi-line; the signature ({@value #MAX_SIGNATURE}) is multi-line without tabs,
 * and a blank one is absent; the language is a well-formed BCP 47 tag with a language subtag (rule
 * {@code format}). No text holds control or format characters (bidi overrides among them) other
 * than the line feeds (and, in the message, tabs) allowed. A broken rule is a {@link
 * ValidationException} naming the component ({@code studioName}, {@code signature}, ...).
 *
 * <p>The composer adds greeting, signature and links itself; {@code message} and {@code signature}
 * are plain text and must be escaped when rendered as HTML. Immutable and thread-safe.
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
        String studioName,
        Optional<String> signature) {

    /** The longest subject: one header line (RFC 5322). */
    public static final int MAX_SUBJECT = 998;
    /** The longest recipient address. */
    public static final int MAX_RECIPIENT = 254;
    /** The longest first name, as a client profile holds it. */
    public static final int MAX_FIRST_NAME = 100;
    /** The longest message, as an invitation message holds it. */
    public static final int MAX_MESSAGE = 5000;
    /** The longest studio name, as a message template holds it. */
    public static final int MAX_STUDIO_NAME = 100;
    /** The longest signature, as a message template holds it. */
    public static final int MAX_SIGNATURE = 500;
    /** The longest language tag. */
    public static final int MAX_LANGUAGE = 35;

    public MailModel {
        Validate.notNull("kind", kind);
        language = languageTag(language);
        recipient = Text.singleLine("recipient", Validate.notBlank("recipient", recipient), MAX_RECIPIENT);
        recipientFirstName = Text.singleLine("recipientFirstName",
                Validate.notBlank("recipientFirstName", recipientFirstName), MAX_FIRST_NAME);
        subject = Text.singleLine("subject", Validate.notNull("subject", subject), MAX_SUBJECT);
        message = Text.optionalMultiLine("message", Optional.of(Validate.notNull("message", message)), MAX_MESSAGE)
                .orElse("");
        Validate.notNull("actionLink", actionLink);
        Validate.notNull("unsubscribeLink", unsubscribeLink);
        studioName = Text.singleLine("studioName", Validate.notBlank("studioName", studioName), MAX_STUDIO_NAME);
        signature = Validate.notNull("signature", signature).filter(v -> !Text.isBlank(v))
                .map(v -> Text.multiLineWithoutTabs("signature", v, MAX_SIGNATURE));
    }

    /** A model without a signature: the composer signs with the studio name. */
    public MailModel(MailKind kind, String language, String recipient, String recipientFirstName, String subject,
            String message, URI actionLink, long linkValidDays, Optional<URI> unsubscribeLink, String studioName) {
        this(kind, language, recipient, recipientFirstName, subject, message, actionLink, linkValidDays,
                unsubscribeLink, studioName, Optional.empty());
    }

    /** Hides the links: they carry raw tokens and must never reach a log. */
    @Override
    public String toString() {
        return "MailModel[" + kind + ", " + language + ", links hidden]";
    }

    private static String languageTag(String value) {
        String tag = Text.singleLine("language", Validate.notBlank("language", value), MAX_LANGUAGE);
        try {
            if (new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty()) {
                throw new ValidationException("language", "format", "a language subtag is required");
            }
        } catch (IllformedLocaleException e) {
            throw new ValidationException("language", "format", "not a BCP 47 language tag");
        }
        return tag;
    }
}
