package io.clientele.adapter.memory;

import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** In-memory {@link NoteRepository} with version-checked edits. Thread-safe. */
public final class InMemoryNoteRepository implements NoteRepository, InspectableStore {

    private record Key(TenantId tenant, NoteId id) {
    }

    private final VersionedMap<Key, Note> notes;

    public InMemoryNoteRepository(MemoryTransactions tx) {
        this.notes = new VersionedMap<>(tx);
    }

    @Override
    public Optional<Note> find(TenantId tenant, NoteId id) {
        return notes.get(new Key(tenant, id));
    }

    @Override
    public List<Note> listForClient(TenantId tenant, ClientId client) {
        return notes.values(n -> n.tenantId().equals(tenant) && n.clientId().equals(client)).stream()
                .sorted(Comparator.comparing((Note n) -> n.id().value()).reversed()).toList();
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
        List<Note> doomed = listForClient(tenant, client);
        doomed.forEach(n -> notes.remove(new Key(tenant, n.id())));
        return doomed.size();
    }

    private static Note withVersion(Note n, long version) {
        return new Note(n.id(), n.tenantId(), n.clientId(), n.text(), n.author(), n.createdAt(), n.editedAt(),
                n.editedBy(), version);
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
