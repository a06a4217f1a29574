package io.clientele.common;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The one rule for the links Clientele puts in front of clients (activation, password reset,
 * unsubscribe): a link carries a raw token, so it must not travel in clear. Stateless; thread-safe.
 *
 * <p>A link is secure when it is an absolute {@code https} URL with a host, or an {@code http} URL
 * on this machine's loopback interface ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}),
 * which browsers also treat as a secure context (W3C Secure Contexts, "potentially trustworthy
 * origin"): such a link never leaves the machine, and it lets a developer or the demo serve the
 * pages without a certificate. A loopback host is recognised from the URL's literal text alone;
 * no name is ever resolved.
 */
public final class Links {

    private Links() {
    }

    /** True when {@code link} is an absolute https URL with a host, or an http URL on the loopback interface. */
    public static boolean isSecure(URI link) {
        if (link == null || link.getScheme() == null || link.getHost() == null || link.isOpaque()) {
            return false;
        }
        String scheme = link.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && isLoopback(link.getHost());
    }

    /** True when {@code link} is an absolute https URL with a host (what RFC 8058 asks of List-Unsubscribe). */
    public static boolean isHttps(URI link) {
        return link != null && link.getHost() != null && "https".equalsIgnoreCase(link.getScheme());
    }

    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        if (name.equals("[::1]")) {
            return true;
        }
        if (!name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            return false;
        }
        try {
            // a dotted-quad literal: parsed, never looked up
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
