package io.clientele.common;

import java.util.regex.Pattern;

/**
 * Identifies a tenant (one studio or business of a host platform). Every aggregate carries one,
 * every port method takes one, every query is scoped by it. The value is the host's own tenant key:
 * 1 to 64 characters of ASCII letters, digits, {@code -}, {@code _} or {@code .}, starting with a
 * letter or digit.
 *
 * <p>Immutable and thread-safe.
 */
public record TenantId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TenantId {
        Validate.notNull("tenantId", value);
        if (!FORMAT.matcher(value).matches()) {
            throw new ValidationException("tenantId", "format",
                    "1 to 64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Shorthand for {@code new TenantId(value)}. */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
