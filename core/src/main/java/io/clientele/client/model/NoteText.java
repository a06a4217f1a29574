package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;

/**
 * The text of a staff note: plain multi-line text, 1 to {@value #MAX_LENGTH} characters, no
 * control characters other than line feeds and tabs.
 *
 * <p>Immutable and thread-safe.
 */
public record NoteText(String value) {

    /** The longest accepted note, in characters. */
    public static final int MAX_LENGTH = 5000;

    public NoteText {
        value = Text.multiLine("text", Validate.notBlank("text", value), MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
