package io.clientele.examples.web;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a page answers: a status, a body and its type, and the Content-Security-Policy for it
 * ({@link #PAGE_POLICY} for the pages, {@link #MAIL_POLICY} for a mail shown as its client sees
 * it). The other security headers are the same for every answer ({@link DemoPages}). Immutable.
 */
record PageReply(int status, String contentType, byte[] body, String policy, Map<String, String> headers) {

    /**
     * The pages' policy: nothing but the stylesheet of this origin, forms posting to this origin
     * only, no framing, no {@code <base>}, and no script at all.
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /**
     * A saved mail's policy: a mail styles itself inline (as mail clients require), so inline
     * style is allowed there and nothing else; {@code sandbox} gives the document an opaque origin
     * and no script or form, while its links still open, in a new tab (the mail's button asks
     * for one) that is not sandboxed, as from a mail client.
     */
    static final String MAIL_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "sandbox allow-popups allow-popups-to-escape-sandbox";

    PageReply {
        headers = Map.copyOf(headers);
    }

    /** An HTML page under the pages' policy. */
    static PageReply page(int status, String html) {
        return new PageReply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                PAGE_POLICY, Map.of());
    }

    /** This reply with one more header. */
    PageReply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new PageReply(status, contentType, body, policy, more);
    }
}
