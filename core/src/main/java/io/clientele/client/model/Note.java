package io.clientele.client.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;

/**
 * A staff note on a client: text, author (the actor's description), creation time and, once
 * edited, the time and author of the last edit. Immutable and thread-safe.
 */
public record Note(
        NoteId id,
        TenantId tenantId,
        ClientId clientId,
        NoteText text,
        String author,
        Instant createdAt,
        Optional<Instant> editedAt,
        Optional<String> editedBy,
        long version) {

    public Note {
        Validate.notNull("noteId", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("text", text);
        Validate.notNull("author", author);
        Validate.notNull("createdAt", createdAt);
        Validate.notNull("editedAt", editedAt);
        Validate.notNull("editedBy", editedBy);
    }

    /** The text replaced by {@code editor} at {@code now}. */
    public Note edited(NoteText newText, String editor, Instant now) {
        return new Note(id, tenantId, clientId, newText, author, createdAt, Optional.of(now), Optional.of(editor),
                version);
    }
}
