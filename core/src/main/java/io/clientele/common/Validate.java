package io.clientele.common;

import java.util.Collection;

/**
 * Small precondition helpers that throw {@link ValidationException} naming the field and rule.
 * Used by value objects and commands; stateless and thread-safe.
 */
public final class Validate {

    private Validate() {
    }

    /** Requires a non-null value; rule {@code required}. */
    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "required", "a value is required");
        }
        return value;
    }

    /**
     * Requires a string that is not {@linkplain Text#isBlank blank}: something besides Unicode white
     * space (no-break and ideographic spaces count as space); rule {@code required}.
     */
    public static String notBlank(String field, String value) {
        notNull(field, value);
        if (Text.isBlank(value)) {
            throw new ValidationException(field, "required", "a non-blank value is required");
        }
        return value;
    }

    /** Requires at most {@code max} code points; rule {@code max_length}. */
    public static String maxLength(String field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw new ValidationException(field, "max_length", "at most " + max + " characters");
        }
        return value;
    }

    /** Requires at most {@code max} elements; rule {@code max_size}. */
    public static <C extends Collection<?>> C maxSize(String field, C value, int max) {
        if (value.size() > max) {
            throw new ValidationException(field, "max_size", "at most " + max + " elements");
        }
        return value;
    }

    /** Requires a value in {@code [min, max]}; rule {@code range}. */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field, "range", "between " + min + " and " + max);
        }
        return value;
    }
}
