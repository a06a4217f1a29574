package io.clientele.client.port;

import io.clientele.common.ClientId;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.common.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores staff notes on clients. SPI; thread-safe; updates are version-checked.
 */
public interface NoteRepository {

    /** The note, if it exists in this tenant. */
    Optional<Note> find(TenantId tenant, NoteId id);

    /** Every note on the client, newest first. */
    List<Note> listForClient(TenantId tenant, ClientId client);

    /** Stores a new note. */
    Note insert(Note note);

    /** Stores an edited note if its version is current; returns it with the version incremented. */
    Note update(Note note);

    /**
     * Deletes the note if its stored version is {@code expectedVersion} (a conditional delete in
     * SQL); false if it did not exist; another version is a {@code STALE_VERSION} conflict.
     */
    boolean delete(TenantId tenant, NoteId id, long expectedVersion);

    /** Deletes every note on the client (erasure); returns how many. */
    int deleteAllForClient(TenantId tenant, ClientId client);
}
