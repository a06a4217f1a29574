package io.clientele.membership.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import java.util.Locale;

/**
 * The name of a membership type: single-line text, 1 to {@value #MAX_LENGTH} characters, runs of
 * spaces collapsed. Names are unique per tenant, compared case-insensitively through {@link #key()}.
 *
 * <p>Immutable and thread-safe.
 */
public record MembershipTypeName(String value) {

    /** The longest accepted name, in characters. */
    public static final int MAX_LENGTH = 80;

    public MembershipTypeName {
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
