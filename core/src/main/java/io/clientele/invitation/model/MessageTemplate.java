package io.clientele.invitation.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.util.Optional;

/**
 * A tenant's default text for one kind of mail in one language: the subject and message staff see
 * prefilled, the studio name the mail is signed with, and an optional signature that replaces the
 * bare studio name under the closing (an address, opening hours, a phone number).
 *
 * <p>These are host settings, and they reach every client's mailbox, so they are checked like any
 * input: the studio name is one line of 1 to {@value #MAX_STUDIO_NAME} characters, the signature
 * plain text of up to {@value #MAX_SIGNATURE} characters whose only control character is the line
 * feed. Neither may hold control or format characters (bidi overrides, isolates and marks among
 * them), nor be made of invisible characters only (the rules of {@link Text#singleLine}); a line
 * break in the studio name is refused with rule {@code line_break}, a tab in the signature with
 * rule {@code forbidden_character}, and a blank signature is absent. Fields {@code studioName} and
 * {@code signature}.
 *
 * <p>Immutable and thread-safe.
 */
public record MessageTemplate(InvitationMessage text, String studioName, Optional<String> signature) {

    /** The longest studio name, in characters. */
    public static final int MAX_STUDIO_NAME = 100;
    /** The longest signature, in characters. */
    public static final int MAX_SIGNATURE = 500;

    public MessageTemplate {
        Validate.notNull("text", text);
        studioName = studioName(studioName);
        signature = signature(Validate.notNull("signature", signature));
    }

    /** A template without a signature: the mail is signed with the studio name. */
    public MessageTemplate(InvitationMessage text, String studioName) {
        this(text, studioName, Optional.empty());
    }

    /** Checks and normalizes a studio name by the rules above (field {@code studioName}). */
    public static String studioName(String value) {
        return Text.singleLine("studioName", Validate.notBlank("studioName", value), MAX_STUDIO_NAME);
    }

    /** Checks and normalizes a signature by the rules above (field {@code signature}); blank is absent. */
    public static Optional<String> signature(Optional<String> value) {
        return Validate.notNull("signature", value).filter(v -> !Text.isBlank(v))
                .map(v -> Text.multiLineWithoutTabs("signature", v, MAX_SIGNATURE));
    }
}
