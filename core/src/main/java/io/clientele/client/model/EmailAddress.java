package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address, normalized: trimmed, NFC, lower-cased. At most 254 characters, local part at
 * most 64; the local part is a dot-atom of RFC 5322 atext (letters of any script allowed, as in
 * RFC 6531), the domain has at least two labels of letters, digits and inner hyphens. Quoted local
 * parts, comments and IP-literal domains are refused (rule {@code format}).
 *
 * <p>Two clients of one tenant cannot share an address while neither is erased; comparison is on
 * the normalized {@link #value()}. Immutable and thread-safe.
 */
public record EmailAddress(String value) {

    private static final Pattern LOCAL = Pattern.compile(
            "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile(
            "[\\p{L}\\p{M}\\p{N}]([\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?");

    public EmailAddress {
        // lower-casing can lengthen a string (U+0130), so the length is checked on the result
        value = Validate.maxLength("email", Text.singleLine("email", Validate.notBlank("email", value), 254)
                .toLowerCase(Locale.ROOT), 254);
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
            throw new ValidationException("email", "format", "expected one '@' between a local part and a domain");
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.codePointCount(0, local.length()) > 64 || !LOCAL.matcher(local).matches()) {
            throw new ValidationException("email", "format", "the part before '@' is not a valid mailbox name");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw new ValidationException("email", "format", "the domain needs at least two labels");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new ValidationException("email", "format", "the domain is not valid");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new ValidationException("email", "format", "the top-level domain cannot be numeric");
        }
    }

    /** Parses and normalizes an address. */
    public static EmailAddress of(String raw) {
        return new EmailAddress(raw);
    }

    /** The domain part, after {@code @}. */
    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
