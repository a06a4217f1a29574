package io.clientele.common;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset position in a sorted list. Two kinds exist, both carried by this type: the
 * cursors use cases hand to hosts in {@link Page#next()}, which are sealed by {@link CursorSeal}
 * (encrypted, and bound to their tenant, list and query), and the positions repositories exchange
 * with use cases inside Clientele, which an adapter encodes as it likes ({@link #of} and {@link
 * #parts} help: the sort key values of the last item of a page, as base64url). Hosts pass a cursor
 * back unchanged; one that is blank or longer than 2,048 characters, or that does not open, is a
 * {@link ValidationException} on field {@code cursor}.
 *
 * <p>Immutable and thread-safe.
 */
public record Cursor(String value) {

    private static final int MAX_LENGTH = 2048;
    private static final char SEPARATOR = '\u001F';

    public Cursor {
        Validate.notBlank("cursor", value);
        Validate.maxLength("cursor", value, MAX_LENGTH);
    }

    /** Encodes the given sort key parts into a cursor. */
    public static Cursor of(String... parts) {
        String joined = String.join(String.valueOf(SEPARATOR), parts);
        return new Cursor(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(joined.getBytes(StandardCharsets.UTF_8)));
    }

    /** Decodes the sort key parts; refuses a cursor that does not have exactly {@code count}. */
    public List<String> parts(int count) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
        }
        List<String> parts = new ArrayList<>(count);
        int start = 0;
        for (int i = 0; i <= decoded.length(); i++) {
            if (i == decoded.length() || decoded.charAt(i) == SEPARATOR) {
                parts.add(decoded.substring(start, i));
                start = i + 1;
            }
        }
        if (parts.size() != count) {
            throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
        }
        return parts;
    }

    @Override
    public String toString() {
        return value;
    }
}
