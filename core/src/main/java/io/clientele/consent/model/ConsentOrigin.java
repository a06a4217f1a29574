package io.clientele.consent.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a self-service consent decision came from, kept with the record as proof: the IP address
 * and the user agent of the client's request, both optional. The IP address must be an IPv4
 * dotted quad or an IPv6 literal of at most {@value #MAX_IP_ADDRESS} characters (rule {@code
 * format} on field {@code ipAddress}; zone ids, brackets and ports are refused, IPv6 is stored in
 * lower case). It is checked as text only, never resolved: a host name is refused, not looked up.
 * The user agent is one line of at most {@value #MAX_USER_AGENT} characters (field {@code
 * userAgent}, rules of {@link Text#singleLine}). A {@linkplain Text#isBlank blank} value of either
 * counts as absent.
 *
 * <p>Immutable and thread-safe.
 */
public record ConsentOrigin(Optional<String> ipAddress, Optional<String> userAgent) {

    /** The longest IP literal: an IPv6 address ending in an IPv4 address. */
    public static final int MAX_IP_ADDRESS = 45;
    /** The longest user agent kept. */
    public static final int MAX_USER_AGENT = 512;

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-f]{1,4}");

    public ConsentOrigin {
        ipAddress = Validate.notNull("ipAddress", ipAddress)
                .filter(v -> !Text.isBlank(v))
                .map(ConsentOrigin::ipLiteral);
        userAgent = Text.optionalSingleLine("userAgent", userAgent, MAX_USER_AGENT);
    }

    /** No IP address and no user agent (staff decisions, imports); add them with the withers. */
    public static ConsentOrigin none() {
        return new ConsentOrigin(Optional.empty(), Optional.empty());
    }

    /** This origin with the request's IP address (checked as the class comment says). */
    public ConsentOrigin withIpAddress(String value) {
        return new ConsentOrigin(Optional.of(Validate.notNull("ipAddress", value)), userAgent);
    }

    /** This origin with the request's user agent (checked as the class comment says). */
    public ConsentOrigin withUserAgent(String value) {
        return new ConsentOrigin(ipAddress, Optional.of(Validate.notNull("userAgent", value)));
    }

    private static String ipLiteral(String value) {
        String candidate = Text.trim(value);
        if (candidate.length() <= MAX_IP_ADDRESS) {
            if (IPV4.matcher(candidate).matches()) {
                return candidate;
            }
            String lower = Text.lowerCase(candidate);
            if (isIpv6(lower)) {
                return lower;
            }
        }
        throw new ValidationException("ipAddress", "format",
                "an IPv4 or IPv6 address of at most " + MAX_IP_ADDRESS + " characters");
    }

    private static boolean isIpv6(String text) {
        int gap = text.indexOf("::");
        if (text.indexOf(':') < 0 || (gap >= 0 && text.indexOf("::", gap + 1) >= 0)) {
            return false;
        }
        if (gap < 0) {
            return groups(text, true) == 8;
        }
        int head = groups(text.substring(0, gap), false);
        int tail = groups(text.substring(gap + 2), true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /**
     * The number of 16-bit groups in a colon-separated run, an IPv4 ending counting two (allowed
     * only when the run ends the address); -1 when the run is malformed.
     */
    private static int groups(String run, boolean endsAddress) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            if (endsAddress && i == parts.length - 1 && IPV4.matcher(parts[i]).matches()) {
                count += 2;
            } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }
}
