package io.clientele.adapter.memory;

import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory {@link NoteRepository} with version-checked edits. A client's notes are found through
 * an index on tenant, client and id, kept like the SQL index {@code (tenant_id, client_id, id)} it
 * stands for (and rolled back with the notes), so listing a client's notes, a page of them or
 * their count reads only that client's notes, however many the store holds. Thread-safe.
 */
public final class InMemoryNoteRepository implements NoteRepository, InspectableStore {

    private static final NavigableSet<UUID> NONE = Collections.emptyNavigableSet();

    private record Key(TenantId tenant, NoteId id) {
    }

    private record ClientKey(TenantId tenant, ClientId client) {
    }

    private final IndexedMap<Key, Note> notes;
    /** Each client's note ids in id order: the index {@code (tenant_id, client_id, id)}. */
    private final ConcurrentHashMap<ClientKey, NavigableSet<UUID>> byClient = new ConcurrentHashMap<>();
    /** Stored notes read so far, for tests that show a listing reads only the client's notes. */
    private final AtomicLong rowsRead = new AtomicLong();

    public InMemoryNoteRepository(MemoryTransactions tx) {
        this.notes = new IndexedMap<>(tx, List.of(new ClientIndex()));
    }

    @Override
    public Optional<Note> find(TenantId tenant, NoteId id) {
        return row(new Key(tenant, id));
    }

    @Override
    public List<Note> listForClient(TenantId tenant, ClientId client) {
        return read(tenant, idsOf(tenant, client).descendingSet(), Integer.MAX_VALUE);
    }

    @Override
    public Page<Note> listForClient(TenantId tenant, ClientId client, PageRequest page) {
        NavigableSet<UUID> newestFirst = idsOf(tenant, client).descendingSet();
        NavigableSet<UUID> from = page.after().isEmpty() ? newestFirst
                : newestFirst.tailSet(decode(page.after().get()), false);
        return Page.fromLookahead(read(tenant, from, page.size() + 1), page.size(),
                n -> Cursor.of(n.id().toString()));
    }

    @Override
    public Slice<Note> newestForClient(TenantId tenant, ClientId client, int limit) {
        Validate.range("limit", limit, 1, PageRequest.MAX_SIZE);
        Page<Note> page = listForClient(tenant, client, PageRequest.first(limit));
        // the count and the page are two reads here, one statement in SQL: a note added between
        // them must not make the count smaller than the page
        return new Slice<>(page, Math.max(idsOf(tenant, client).size(), page.items().size()));
    }

    @Override
    public synchronized Note insert(Note note) {
        if (notes.get(new Key(note.tenantId(), note.id())).isPresent()) {
            throw ConflictException.duplicate("id", "note " + note.id() + " exists");
        }
        Note stored = withVersion(note, 0);
        notes.put(new Key(note.tenantId(), note.id()), stored);
        return stored;
    }

    @Override
    public synchronized Note update(Note note) {
        Key key = new Key(note.tenantId(), note.id());
        Note current = notes.get(key).orElseThrow(() -> ConflictException.staleVersion("note", note.id()));
        if (current.version() != note.version()) {
            throw ConflictException.staleVersion("note", note.id());
        }
        Note stored = withVersion(note, note.version() + 1);
        notes.put(key, stored);
        return stored;
    }

    @Override
    public synchronized boolean delete(TenantId tenant, NoteId id, long expectedVersion) {
        Key key = new Key(tenant, id);
        Optional<Note> current = notes.get(key);
        if (current.isPresent() && current.get().version() != expectedVersion) {
            throw ConflictException.staleVersion("note", id);
        }
        return notes.remove(key);
    }

    @Override
    public synchronized int deleteAllForClient(TenantId tenant, ClientId client) {
        int deleted = 0;
        for (UUID id : List.copyOf(idsOf(tenant, client))) {
            if (notes.remove(new Key(tenant, new NoteId(id)))) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Up to {@code limit} notes of the given ids, in the set's order; ids deleted meanwhile are skipped. */
    private List<Note> read(TenantId tenant, NavigableSet<UUID> ids, int limit) {
        List<Note> found = new ArrayList<>();
        for (UUID id : ids) {
            if (found.size() >= limit) {
                break;
            }
            row(new Key(tenant, new NoteId(id))).ifPresent(found::add);
        }
        return found;
    }

    private NavigableSet<UUID> idsOf(TenantId tenant, ClientId client) {
        return byClient.getOrDefault(new ClientKey(tenant, client), NONE);
    }

    private Optional<Note> row(Key key) {
        rowsRead.incrementAndGet();
        return notes.get(key);
    }

    /** How many stored notes this repository has read so far; for tests. */
    long rowsRead() {
        return rowsRead.get();
    }

    private static UUID decode(Cursor cursor) {
        try {
            return UUID.fromString(cursor.parts(1).get(0));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
        }
    }

    private static Note withVersion(Note n, long version) {
        return new Note(n.id(), n.tenantId(), n.clientId(), n.text(), n.author(), n.createdAt(), n.editedAt(),
                n.editedBy(), version);
    }

    /** Keeps {@link #byClient} in step with the notes; an index entry left empty goes with its key. */
    private final class ClientIndex implements IndexedMap.Index<Key, Note> {

        @Override
        public void add(Key key, Note note) {
            // compute, not computeIfAbsent then add: a concurrent removal of the emptied entry must
            // not leave this id in a set the map no longer holds
            byClient.compute(new ClientKey(note.tenantId(), note.clientId()), (k, ids) -> {
                NavigableSet<UUID> set = ids == null ? new ConcurrentSkipListSet<>() : ids;
                set.add(note.id().value());
                return set;
            });
        }

        @Override
        public void remove(Key key, Note note) {
            byClient.computeIfPresent(new ClientKey(note.tenantId(), note.clientId()), (k, ids) -> {
                ids.remove(note.id().value());
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    @Override
    public String storeName() {
        return "notes";
    }

    @Override
    public List<Object> contents() {
        return notes.contents();
    }
}
