package io.clientele.audit.model;

/**
 * Masks personal data for the audit trail: enough to tell that a value changed and roughly how,
 * never enough to read it back. Stateless and thread-safe.
 */
public final class Mask {

    private Mask() {
    }

    /**
     * A name: its first character and a fixed {@code ***}, {@code "Ana"} -> {@code "A***"}; a
     * one-letter name is shown as {@code ***} alone.
     */
    public static String name(String value) {
        if (value.codePointCount(0, value.length()) < 2) {
            return "***";
        }
        return firstCodePoint(value) + "***";
    }

    /** An email: first character of the mailbox and of the domain, top-level domain kept. */
    public static String email(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            return "***";
        }
        String domain = value.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot < 0 ? "" : domain.substring(dot);
        return firstCodePoint(value) + "***@" + firstCodePoint(domain) + "***" + tld;
    }

    /** A phone number: the country prefix and the last two digits. */
    public static String phone(String e164) {
        if (e164.length() < 6) {
            return "***";
        }
        return e164.substring(0, 3) + "*".repeat(e164.length() - 5) + e164.substring(e164.length() - 2);
    }

    /**
     * An identifier such as a pass number: {@code ****} and, when it has at least 8 characters
     * (so at most half is shown), its last four, {@code "CARD-0042"} -> {@code "****0042"}.
     */
    public static String identifier(String value) {
        int length = value.length();
        return length < 8 ? "****" : "****" + value.substring(length - 4);
    }

    /** Any other personal value (birth date, address line, note text): its length only. */
    public static String opaque(String value) {
        return "[" + value.codePointCount(0, value.length()) + " characters]";
    }

    private static String firstCodePoint(String value) {
        return value.substring(0, value.offsetByCodePoints(0, 1));
    }
}
