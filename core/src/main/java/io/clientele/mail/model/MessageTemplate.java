package io.clientele.mail.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.util.Optional;

/**
 * A tenant's default text for one kind of mail in one language: the subject and message staff see
 * prefilled (and that a campaign keeping the default text sends), and an optional signature that
 * replaces the bare studio name under the closing (an address, opening hours, a phone number). The
 * studio's name itself is a tenant setting, not part of a template, so every language signs with
 * the same name.
 *
 * <p>These are host settings, and they reach every client's mailbox, so they are checked like any
 * input: the subject is one line of 1 to {@value #MAX_SUBJECT} characters, the message plain text
 * of up to {@value #MAX_MESSAGE} characters (line feeds and tabs allowed; a blank one is empty), the
 * signature plain text of up to {@value #MAX_SIGNATURE} characters whose only control character is
 * the line feed. None may hold control or format characters (bidi overrides, isolates and marks
 * among them), nor be made of invisible characters only (the rules of {@link Text#singleLine}); a
 * line break in the subject is refused with rule {@code line_break}, a tab in the signature with
 * rule {@code forbidden_character}, and a blank signature is absent. Fields {@code subject}, {@code
 * message} and {@code signature}. The subject and message limits are those of the staff's own
 * invitation text, so a template's text can always prefill the staff's form.
 *
 * <p>Immutable and thread-safe.
 */
public record MessageTemplate(String subject, String message, Optional<String> signature) {

    /** The longest subject, in characters. */
    public static final int MAX_SUBJECT = 200;
    /** The longest message, in characters. */
    public static final int MAX_MESSAGE = 5000;
    /** The longest signature, in characters. */
    public static final int MAX_SIGNATURE = 500;

    public MessageTemplate {
        subject = Text.singleLine("subject", Validate.notBlank("subject", subject), MAX_SUBJECT);
        message = Text.optionalMultiLine("message", Optional.of(Validate.notNull("message", message)), MAX_MESSAGE)
                .orElse("");
        signature = signature(signature);
    }

    /** A template without a signature: the mail is signed with the studio name. */
    public MessageTemplate(String subject, String message) {
        this(subject, message, Optional.empty());
    }

    /** This template with another signature (checked by {@link #signature(Optional)}; blank or empty for none). */
    public MessageTemplate withSignature(Optional<String> value) {
        return new MessageTemplate(subject, message, value);
    }

    /** Checks and normalizes a signature by the rules above (field {@code signature}); blank is absent. */
    public static Optional<String> signature(Optional<String> value) {
        return Validate.notNull("signature", value).filter(v -> !Text.isBlank(v))
                .map(v -> Text.multiLineWithoutTabs("signature", v, MAX_SIGNATURE));
    }
}
