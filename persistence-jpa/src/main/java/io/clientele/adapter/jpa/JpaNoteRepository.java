package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.CatalogTables.NoteRow;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.model.NoteText;
import io.clientele.client.port.NoteRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link NoteRepository} on table {@code note}, keyed by {@code (tenant_id, id)} and indexed by
 * {@code (tenant_id, client_id, id)} ({@code note_client_idx}), which serves every listing: a
 * client's notes newest first are its notes in descending id order. Each method is one statement:
 * an insert flushed at the call (a taken id is {@code DUPLICATE} there), edits and deletes
 * conditional on the version, the profile's first page with the client's count as a scalar
 * subquery. Only a version-checked statement that changes no row is followed by one read, to tell
 * a stale version from a note that is not there. Reads are tuple queries: no note stays managed.
 * Thread-safe (state lives in the caller's unit of work).
 */
final class JpaNoteRepository implements NoteRepository {

    private static final Map<String, String> CONSTRAINTS = Map.of("note_pk", "id");
    private static final String COLUMNS =
            "n.id, n.clientId, n.body, n.author, n.createdAt, n.editedAt, n.editedBy, n.version";

    private final EntityManagerAccess access;

    JpaNoteRepository(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public Optional<Note> find(TenantId tenant, NoteId id) {
        return access.current().createQuery("select " + COLUMNS + " from CatalogNoteRow n"
                        + " where n.tenantId = :tenant and n.id = :id", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id.value())
                .getResultList()
                .stream()
                .findFirst()
                .map(row -> note(tenant, row));
    }

    @Override
    public List<Note> listForClient(TenantId tenant, ClientId client) {
        return newestFirst(tenant, client, Optional.empty(), Integer.MAX_VALUE);
    }

    @Override
    public Page<Note> listForClient(TenantId tenant, ClientId client, PageRequest page) {
        Optional<UUID> after = IdPosition.after(page);
        return Page.fromLookahead(newestFirst(tenant, client, after, page.size() + 1), page.size(),
                n -> IdPosition.cursor(n.id().value()));
    }

    /**
     * One native statement, so that the count rides along as a scalar subquery on the same index
     * (JPQL has no subquery in the select list). A client without notes yields no row: a count of 0.
     */
    @Override
    public Slice<Note> newestForClient(TenantId tenant, ClientId client, int limit) {
        Validate.range("limit", limit, 1, PageRequest.MAX_SIZE);
        List<?> rows = access.current().createNativeQuery("SELECT n.id, n.client_id, n.body, n.author,"
                        + " n.created_at, n.edited_at, n.edited_by, n.version,"
                        + " (SELECT count(*) FROM note c WHERE c.tenant_id = :tenant AND c.client_id = :client) AS total"
                        + " FROM note n WHERE n.tenant_id = :tenant AND n.client_id = :client ORDER BY n.id DESC",
                        CatalogTables.NOTE_COLUMNS_WITH_TOTAL)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setMaxResults(limit + 1)
                .getResultList();
        List<Note> notes = rows.stream().map(row -> note(tenant, (Object[]) row)).toList();
        long total = rows.isEmpty() ? 0 : (Long) ((Object[]) rows.get(0))[8];
        return new Slice<>(Page.fromLookahead(notes, limit, n -> IdPosition.cursor(n.id().value())), total);
    }

    @Override
    public Note insert(Note note) {
        EntityManager em = access.current();
        NoteRow row = row(note);
        try {
            em.persist(row);
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, CONSTRAINTS);
        }
        SqlErrors.flush(em, CONSTRAINTS);
        em.detach(row);
        return withVersion(note, 0);
    }

    /**
     * One conditional {@code UPDATE ... SET ..., version = version + 1 WHERE tenant_id = ? AND id = ?
     * AND version = ?} writing every column but the key, so the row equals the note answered; no row
     * changed is {@code STALE_VERSION} (a deleted note included, as in memory).
     */
    @Override
    public Note update(Note note) {
        int changed = access.current().createQuery("update CatalogNoteRow n set n.clientId = :client,"
                        + " n.body = :body, n.author = :author, n.createdAt = :createdAt, n.editedAt = :editedAt,"
                        + " n.editedBy = :editedBy, n.version = n.version + 1"
                        + " where n.tenantId = :tenant and n.id = :id and n.version = :version")
                .setParameter("client", note.clientId().value())
                .setParameter("body", note.text().value())
                .setParameter("author", note.author())
                .setParameter("createdAt", note.createdAt())
                .setParameter("editedAt", note.editedAt().orElse(null))
                .setParameter("editedBy", note.editedBy().orElse(null))
                .setParameter("tenant", note.tenantId().value())
                .setParameter("id", note.id().value())
                .setParameter("version", note.version())
                .executeUpdate();
        if (changed == 0) {
            throw ConflictException.staleVersion("note", note.id());
        }
        return withVersion(note, note.version() + 1);
    }

    /**
     * One conditional {@code DELETE ... WHERE tenant_id = ? AND id = ? AND version = ?}; when it
     * deletes nothing, one read tells a note of another version ({@code STALE_VERSION}) from none.
     */
    @Override
    public boolean delete(TenantId tenant, NoteId id, long expectedVersion) {
        EntityManager em = access.current();
        int deleted = em.createQuery("delete from CatalogNoteRow n"
                        + " where n.tenantId = :tenant and n.id = :id and n.version = :version")
                .setParameter("tenant", tenant.value())
                .setParameter("id", id.value())
                .setParameter("version", expectedVersion)
                .executeUpdate();
        if (deleted == 1) {
            return true;
        }
        long present = em.createQuery("select count(n) from CatalogNoteRow n where n.tenantId = :tenant and n.id = :id",
                        Long.class)
                .setParameter("tenant", tenant.value())
                .setParameter("id", id.value())
                .getSingleResult();
        if (present > 0) {
            throw ConflictException.staleVersion("note", id);
        }
        return false;
    }

    /** One {@code DELETE ... WHERE tenant_id = ? AND client_id = ?} on the client index. */
    @Override
    public int deleteAllForClient(TenantId tenant, ClientId client) {
        return access.current().createQuery("delete from CatalogNoteRow n"
                        + " where n.tenantId = :tenant and n.clientId = :client")
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }

    /** Up to {@code limit} notes of the client before {@code after}, newest first: one statement. */
    private List<Note> newestFirst(TenantId tenant, ClientId client, Optional<UUID> after, int limit) {
        TypedQuery<Object[]> query = access.current().createQuery("select " + COLUMNS + " from CatalogNoteRow n"
                        + " where n.tenantId = :tenant and n.clientId = :client"
                        + (after.isPresent() ? " and n.id < :after" : "") + " order by n.id desc", Object[].class)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value());
        after.ifPresent(a -> query.setParameter("after", a));
        if (limit < Integer.MAX_VALUE) {
            query.setMaxResults(limit);
        }
        return query.getResultList().stream().map(row -> note(tenant, row)).toList();
    }

    private static Note note(TenantId tenant, Object[] c) {
        return new Note(new NoteId((UUID) c[0]), tenant, new ClientId((UUID) c[1]), new NoteText((String) c[2]),
                (String) c[3], (Instant) c[4], Optional.ofNullable((Instant) c[5]), Optional.ofNullable((String) c[6]),
                (Long) c[7]);
    }

    private static NoteRow row(Note note) {
        NoteRow row = new NoteRow();
        row.tenantId = note.tenantId().value();
        row.id = note.id().value();
        row.clientId = note.clientId().value();
        row.body = note.text().value();
        row.author = note.author();
        row.createdAt = note.createdAt();
        row.editedAt = note.editedAt().orElse(null);
        row.editedBy = note.editedBy().orElse(null);
        row.version = 0;
        return row;
    }

    private static Note withVersion(Note n, long version) {
        return new Note(n.id(), n.tenantId(), n.clientId(), n.text(), n.author(), n.createdAt(), n.editedAt(),
                n.editedBy(), version);
    }
}
