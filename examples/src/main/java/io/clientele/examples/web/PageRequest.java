package io.clientele.examples.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request as the pages read it: the method, the query parameters, the headers, and a body
 * read at most once and at most {@value #MAX_BODY_BYTES} bytes. A request the pages cannot read
 * is a {@link Refusal} carrying the status to answer. Not thread-safe: one per exchange.
 */
final class PageRequest {

    /** The largest POST body read: a password form is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 4_096;

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");

    private final HttpExchange exchange;
    private final Map<String, String> query;
    private byte[] body;

    PageRequest(HttpExchange exchange) {
        this.exchange = exchange;
        this.query = decode(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
    }

    /** The request could not be read; the page answers {@code status}. */
    static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;

        Refusal(int status, String reason) {
            super(reason);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The method as sent: methods are case-sensitive, so {@code get} is not {@code GET}. */
    String method() {
        return exchange.getRequestMethod();
    }

    /** The query parameter, if present (the first one when repeated). */
    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The address the request came from, if known. */
    Optional<InetSocketAddress> remoteAddress() {
        return Optional.ofNullable(exchange.getRemoteAddress());
    }

    /** The first value of the header, if sent. */
    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    /**
     * The fields of a URL-encoded form body (the first value of a repeated field). Another
     * content type is a 415, a body too large a 413, malformed encoding a 400.
     */
    Map<String, String> form() {
        String type = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new Refusal(415, "a form must be application/x-www-form-urlencoded");
        }
        return decode(new String(body(), StandardCharsets.UTF_8));
    }

    /**
     * True when the body is an RFC 8058 one-click unsubscribe: the field {@code List-Unsubscribe}
     * with the value {@code One-Click}, URL-encoded or as multipart/form-data (the two encodings
     * the RFC allows), and nothing else in a URL-encoded body.
     */
    boolean isOneClickUnsubscribe() {
        String type = header("Content-Type").orElse("");
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded")) {
            Map<String, String> fields = decode(new String(body(), StandardCharsets.UTF_8));
            return fields.size() == 1 && "One-Click".equals(fields.get("List-Unsubscribe"));
        }
        if (lower.startsWith("multipart/form-data")) {
            Matcher m = BOUNDARY.matcher(type);
            if (!m.find()) {
                return false;
            }
            String boundary = "--" + (m.group(1) != null ? m.group(1) : m.group(2));
            String text = new String(body(), StandardCharsets.ISO_8859_1);
            for (String part : text.split(Pattern.quote(boundary))) {
                int split = part.indexOf("\r\n\r\n");
                if (split >= 0 && part.substring(0, split).toLowerCase(Locale.ROOT)
                        .contains("name=\"list-unsubscribe\"")
                        && "One-Click".equals(part.substring(split + 4).strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The body, read once, at most {@value #MAX_BODY_BYTES} bytes or a 413. */
    private byte[] body() {
        if (body != null) {
            return body;
        }
        Optional<String> length = header("Content-Length");
        if (length.isPresent()) {
            try {
                if (Long.parseLong(length.get().trim()) > MAX_BODY_BYTES) {
                    throw new Refusal(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new Refusal(400, "Content-Length is not a number");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] read = in.readNBytes(MAX_BODY_BYTES + 1);
            if (read.length > MAX_BODY_BYTES) {
                throw new Refusal(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            body = read;
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                fields.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Refusal(400, "malformed URL encoding");
            }
        }
        return fields;
    }
}
