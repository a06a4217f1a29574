package io.clientele.invitation.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.util.Optional;

/**
 * The subject and message of an invitation as staff wrote or accepted them. Both are plain text:
 * the subject is one line of at most {@value #MAX_SUBJECT} characters (CR, LF, NEL, U+2028 and
 * U+2029 are refused with rule {@code line_break}, so no header can be injected); the message is
 * at most {@value #MAX_MESSAGE} characters and is escaped when rendered as HTML; it may be empty
 * (a {@linkplain Text#isBlank blank} one is). Neither may be made of invisible characters only
 * (rule {@code invisible}, see {@link Text}). Greeting,
 * signature and the personal link are added by the system.
 *
 * <p>Immutable and thread-safe.
 */
public record InvitationMessage(String subject, String message) {

    /** The longest subject. */
    public static final int MAX_SUBJECT = 200;
    /** The longest message. */
    public static final int MAX_MESSAGE = 5000;

    public InvitationMessage {
        subject = Text.singleLine("subject", Validate.notBlank("subject", subject), MAX_SUBJECT);
        message = Text.optionalMultiLine("message", Optional.of(Validate.notNull("message", message)), MAX_MESSAGE)
                .orElse("");
    }
}
