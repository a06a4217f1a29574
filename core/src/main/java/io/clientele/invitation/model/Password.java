package io.clientele.invitation.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;

/**
 * A new password chosen by a client, checked per NIST SP 800-63B: 8 to 128 characters (counted as
 * Unicode code points), any characters, no composition rules. {@link #toString()} never shows it.
 *
 * <p>Immutable and thread-safe.
 */
public record Password(String value) {

    /** The shortest accepted password. */
    public static final int MIN_LENGTH = 8;
    /** The longest accepted password. */
    public static final int MAX_LENGTH = 128;

    public Password {
        Validate.notNull("password", value);
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new ValidationException("password", "min_length", "at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new ValidationException("password", "max_length", "at most " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "Password[hidden]";
    }
}
