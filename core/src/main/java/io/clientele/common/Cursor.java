package io.clientele.common;

import java.util.ArrayList;
import java.util.List;

/**
 * An opaque keyset position in a sorted list. Two kinds exist, both carried by this type: the
 * cursors use cases hand to hosts in {@link Page#next()}, which are sealed by {@link CursorSeal}
 * (encrypted, padded, and bound to their tenant, list and query), and the positions repositories
 * exchange with use cases inside Clientele, which an adapter encodes as it likes ({@link #of} and
 * {@link #parts} help: the sort key values of the last item of a page, joined in clear by a
 * separator; a position never leaves Clientele unsealed). Hosts pass a cursor back unchanged; one
 * that is blank (rule {@code required}) or longer than {@value #MAX_LENGTH} characters (rule {@code
 * max_length}), or that does not open (rule {@code format}), is a {@link ValidationException} on
 * field {@code cursor}.
 *
 * <p>Immutable and thread-safe.
 */
public record Cursor(String value) {

    /**
     * The longest cursor, in characters: the longest sealed cursor ({@link
     * CursorSeal#MAX_CURSOR_LENGTH}), which holds the longest position an adapter may use. A host
     * that stores cursors or puts them in URLs plans for this many ASCII characters.
     */
    public static final int MAX_LENGTH = CursorSeal.MAX_CURSOR_LENGTH;

    private static final char SEPARATOR = '\u001F';

    public Cursor {
        Validate.notBlank("cursor", value);
        Validate.maxLength("cursor", value, MAX_LENGTH);
    }

    /**
     * A position made of the given sort key parts, joined by U+001F (INFORMATION SEPARATOR ONE),
     * which no validated text holds; a part holding it is a bug of the adapter ({@link
     * IllegalArgumentException}). Positions are sealed before they leave Clientele, so they are kept
     * in clear here rather than encoded a second time: the sealed cursor stays short.
     */
    public static Cursor of(String... parts) {
        for (String part : parts) {
            if (part.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException("a sort key part holds the separator U+001F");
            }
        }
        return new Cursor(String.join(String.valueOf(SEPARATOR), parts));
    }

    /** The sort key parts of a position made by {@link #of}; refuses one that does not have exactly {@code count}. */
    public List<String> parts(int count) {
        List<String> parts = new ArrayList<>(count);
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == SEPARATOR) {
                parts.add(value.substring(start, i));
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
