package io.clientele.adapter.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit trail's tables: {@code audit_entry} and {@code audit_change} (migration V1). */
final class AuditTables {

    static final List<Class<?>> ENTITIES = List.of(EntryRow.class, ChangeRow.class);

    /**
     * The result set mapping of a page of entries joined with their changes: the entry's {@code
     * id}, {@code actor}, {@code action}, {@code occurred_at}, then one change's {@code field},
     * {@code before_value}, {@code after_value}, {@code personal} (null for an entry without changes).
     */
    static final String PAGE_MAPPING = "AuditPageRow";

    private AuditTables() {
    }

    /** One audit entry. */
    @Entity(name = "AuditEntryRow")
    @Table(name = "audit_entry")
    @IdClass(TenantScopedKey.class)
    @SqlResultSetMapping(name = PAGE_MAPPING, columns = {
        @ColumnResult(name = "id", type = UUID.class),
        @ColumnResult(name = "actor", type = String.class),
        @ColumnResult(name = "action", type = String.class),
        @ColumnResult(name = "occurred_at", type = Instant.class),
        @ColumnResult(name = "field", type = String.class),
        @ColumnResult(name = "before_value", type = String.class),
        @ColumnResult(name = "after_value", type = String.class),
        @ColumnResult(name = "personal", type = Boolean.class)})
    static class EntryRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        UUID id;
        @Column(name = "client_id")
        UUID clientId;
        String actor;
        String action;
        @Column(name = "occurred_at")
        Instant occurredAt;

        EntryRow() {
        }
    }

    /** The key of one change of an entry: tenant, entry, position. */
    record ChangeKey(String tenantId, UUID entryId, int position) implements Serializable {
    }

    /** One field's change within an entry. */
    @Entity(name = "AuditChangeRow")
    @Table(name = "audit_change")
    @IdClass(ChangeKey.class)
    static class ChangeRow {
        @Id
        @Column(name = "tenant_id")
        String tenantId;
        @Id
        @Column(name = "entry_id")
        UUID entryId;
        @Id
        int position;
        @Column(name = "client_id")
        UUID clientId;
        String field;
        @Column(name = "before_value")
        String before;
        @Column(name = "after_value")
        String after;
        boolean personal;

        ChangeRow() {
        }
    }
}
