package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The number printed on a physical pass or membership card, normalized to upper case with spaces
 * removed: 1 to 64 ASCII letters, digits, {@code -} or {@code _}. Unique per tenant.
 *
 * <p>Immutable and thread-safe.
 */
public record PassNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public PassNumber {
        value = Validate.maxLength("passNumber",
                Text.singleLine("passNumber", Validate.notBlank("passNumber", value), 128).replace(" ", ""), 64);
        // checked before upper-casing: some non-ASCII letters upper-case to ASCII ones
        if (!FORMAT.matcher(value).matches()) {
            throw new ValidationException("passNumber", "format",
                    "1 to 64 letters, digits, '-' or '_'");
        }
        value = value.toUpperCase(Locale.ROOT);
    }

    /** Parses a typed pass number. */
    public static PassNumber of(String raw) {
        return new PassNumber(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
