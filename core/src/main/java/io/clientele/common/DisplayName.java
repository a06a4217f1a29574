package io.clientele.common;

/**
 * The name of a catalog entry (a label, a client group, a membership type): single-line text, 1 to {@value #MAX_LENGTH} characters.
 * Names are unique per tenant, compared case-insensitively through {@link #key()}. A name with no
 * visible character is refused (rule {@code invisible}, see {@link Text}), and so is a stack of
 * more than {@value Text#MAX_COMBINING_MARKS} combining marks on one character (rule {@code
 * combining_marks}), as in person names.
 *
 * <p>Immutable and thread-safe.
 */
public record DisplayName(String value) {

    /** The longest accepted name, in characters. */
    public static final int MAX_LENGTH = 80;

    public DisplayName {
        value = Text.collapseSpaces(Text.singleLine("name", Validate.notBlank("name", value), MAX_LENGTH));
        Text.limitCombiningMarks("name", value, Text.MAX_COMBINING_MARKS);
    }

    /** The case-insensitive uniqueness key: the name in lower case ({@link Text#lowerCase}, ICU's tables). */
    public String key() {
        return Text.lowerCase(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
