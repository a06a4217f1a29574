package io.clientele.client.port;

import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores staff notes on clients. SPI; thread-safe; updates are version-checked. A relational
 * adapter keys notes by {@code (tenant_id, id)} and indexes {@code (tenant_id, client_id, id)}: the
 * client's notes in id order are its notes newest first (ids are UUIDv7, created in time order),
 * which serves every listing below.
 */
public interface NoteRepository {

    /** The note, if it exists in this tenant. */
    Optional<Note> find(TenantId tenant, NoteId id);

    /** Every note on the client, newest first (the data export reads them all). */
    List<Note> listForClient(TenantId tenant, ClientId client);

    /**
     * One keyset page of the client's notes, newest first (descending id). The page's position is
     * the last note's id; one that is not is a {@code ValidationException} on field {@code cursor}.
     * SQL: one {@code SELECT ... WHERE tenant_id = ? AND client_id = ? AND id < ? ORDER BY id DESC
     * LIMIT ?} on the index above, reading one more row than the page to tell whether one follows.
     */
    Page<Note> listForClient(TenantId tenant, ClientId client, PageRequest page);

    /**
     * The first page of {@link #listForClient(TenantId, ClientId, PageRequest)}, at most {@code
     * limit} notes (1 to {@link PageRequest#MAX_SIZE}), with how many notes the client has in all:
     * the profile's notes section. SQL: one statement, the page as above with the count as a scalar
     * subquery ({@code (SELECT count(*) FROM note WHERE tenant_id = ? AND client_id = ?)}) on the
     * same index.
     */
    Slice<Note> newestForClient(TenantId tenant, ClientId client, int limit);

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
