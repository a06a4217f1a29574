package io.clientele.common;

import java.util.Locale;

/**
 * The name of a catalog entry (a label, a client group, a membership type): single-line text, 1 to {@value #MAX_LENGTH} characters.
 * Names are unique per tenant, compared case-insensitively through {@link #key()}.
 *
 * <p>Immutable and thread-safe.
 */
public record DisplayName(String value) {

    /** The longest accepted name, in characters. */
    public static final int MAX_LENGTH = 80;

    public DisplayName {
        value = Text.collapseSpaces(Text.singleLine("name", Validate.notBlank("name", value), MAX_LENGTH));
    }

    /** The case-insensitive uniqueness key. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
