package io.clientele.invitation.service;

import io.clientele.common.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks that a text is an IPv4 (dotted quad) or IPv6 literal, as recorded with a consent
 * decision. Pure text checks: never a DNS lookup ({@code InetAddress.getByName} would resolve a
 * host name). Zone ids, brackets and ports are refused. Stateless and thread-safe.
 */
final class IpAddressLiteral {

    /** The longest literal: an IPv6 address with an embedded IPv4 address. */
    static final int MAX_LENGTH = 45;

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");

    private IpAddressLiteral() {
    }

    /** The literal, IPv6 lower-cased; a {@link ValidationException} on {@code field} otherwise. */
    static String check(String field, String value) {
        String candidate = value.strip();
        if (candidate.length() > MAX_LENGTH) {
            throw new ValidationException(field, "max_length", "at most " + MAX_LENGTH + " characters");
        }
        if (IPV4.matcher(candidate).matches()) {
            return candidate;
        }
        String lower = candidate.toLowerCase(Locale.ROOT);
        if (isIpv6(lower)) {
            return lower;
        }
        throw new ValidationException(field, "format", "not an IPv4 or IPv6 address");
    }

    private static boolean isIpv6(String text) {
        if (text.indexOf(':') < 0) {
            return false;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int headGroups = groups(head, doubleColon < 0);
        int tailGroups = doubleColon >= 0 ? groups(tail, true) : 0;
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        int total = headGroups + tailGroups;
        return doubleColon >= 0 ? total <= 7 : total == 8;
    }

    /**
     * Counts the 16-bit groups of a colon-separated run (an IPv4 tail counts two, and is allowed
     * only where the run ends the address); -1 when the run is malformed.
     */
    private static int groups(String run, boolean endsAddress) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && endsAddress && part.indexOf('.') >= 0) {
                if (!IPV4.matcher(part).matches()) {
                    return -1;
                }
                count += 2;
            } else if (HEX_GROUP.matcher(part).matches()) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }
}
