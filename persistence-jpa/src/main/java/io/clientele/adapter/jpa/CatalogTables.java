package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tables of the label catalog, the client groups and the staff notes: {@code label}, {@code
 * client_group} and {@code note} (migration V3). Clients are referenced by a plain {@code
 * client_id} column (their table belongs to another migration), indexed with the tenant first.
 *
 * <p>The adapters read these rows as tuples, never as managed entities: a label or group row read
 * and kept managed would go stale under the conditional {@code UPDATE}s of a later call in the same
 * unit of work. The result set mappings name the Java types of the few native statements' columns,
 * so that PostgreSQL and H2 answer the same types (a {@code timestamp with time zone} as an {@link
 * Instant}).
 */
final class CatalogTables {

    static final List<Class<?>> ENTITIES = List.of(LabelRow.class, GroupRow.class, NoteRow.class);

    /** Native {@code SELECT id, name, version}: a label. */
    static final String LABEL_COLUMNS = "CatalogLabelColumns";
    /** Native {@code SELECT id, name, created_at, version}: a group. */
    static final String GROUP_COLUMNS = "CatalogGroupColumns";
    /**
     * Native {@code SELECT id, client_id, body, author, created_at, edited_at, edited_by, version,
     * total}: a note and the count of its client's notes.
     */
    static final String NOTE_COLUMNS_WITH_TOTAL = "CatalogNoteColumnsWithTotal";

    private CatalogTables() {
    }

    /**
     * One label of a tenant's catalog. {@code nameKey} is the name's uniqueness and sort key ({@code
     * DisplayName.key()}, computed in Java so that it follows the core's case rules exactly); a
     * deleted label keeps its row, with {@code deletedAt} set, until it is purged.
     */
    @Entity(name = "CatalogLabelRow")
    @Table(name = "label")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = LABEL_COLUMNS, columns = {
            @ColumnResult(name = "id", type = UUID.class),
            @ColumnResult(name = "name", type = String.class),
            @ColumnResult(name = "version", type = Long.class)})
    static class LabelRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        String name;
        @Column(name = "name_key")
        String nameKey;
        long version;
        @Column(name = "deleted_at")
        Instant deletedAt;

        LabelRow() {
        }
    }

    /** One client group of a tenant; named and deleted like a label. */
    @Entity(name = "CatalogGroupRow")
    @Table(name = "client_group")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = GROUP_COLUMNS, columns = {
            @ColumnResult(name = "id", type = UUID.class),
            @ColumnResult(name = "name", type = String.class),
            @ColumnResult(name = "created_at", type = Instant.class),
            @ColumnResult(name = "version", type = Long.class)})
    static class GroupRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        String name;
        @Column(name = "name_key")
        String nameKey;
        @Column(name = "created_at")
        Instant createdAt;
        long version;
        @Column(name = "deleted_at")
        Instant deletedAt;

        GroupRow() {
        }
    }

    /** One staff note on a client. */
    @Entity(name = "CatalogNoteRow")
    @Table(name = "note")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = NOTE_COLUMNS_WITH_TOTAL, columns = {
            @ColumnResult(name = "id", type = UUID.class),
            @ColumnResult(name = "client_id", type = UUID.class),
            @ColumnResult(name = "body", type = String.class),
            @ColumnResult(name = "author", type = String.class),
            @ColumnResult(name = "created_at", type = Instant.class),
            @ColumnResult(name = "edited_at", type = Instant.class),
            @ColumnResult(name = "edited_by", type = String.class),
            @ColumnResult(name = "version", type = Long.class),
            @ColumnResult(name = "total", type = Long.class)})
    static class NoteRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        String body;
        String author;
        @Column(name = "created_at")
        Instant createdAt;
        @Column(name = "edited_at")
        Instant editedAt;
        @Column(name = "edited_by")
        String editedBy;
        long version;

        NoteRow() {
        }
    }
}
