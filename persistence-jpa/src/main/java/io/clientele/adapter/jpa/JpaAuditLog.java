package io.clientele.adapter.jpa;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.audit.port.AuditLog;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link AuditLog} on tables {@code audit_entry} and {@code audit_change}: appends are batched
 * inserts flushed at the call (a taken id is {@code DUPLICATE} there, and nothing of the call is
 * kept once the unit rolls back); a page is one statement (the entries joined with their changes); the
 * erasure is one {@code UPDATE}. Thread-safe (state lives in the caller's unit of work).
 */
final class JpaAuditLog implements AuditLog {

    private static final Map<String, String> CONSTRAINTS = Map.of("audit_entry_pk", "id");
    /** Appends are plain JDBC batches: a campaign chunk writes an entry and a change per client. */
    private static final BatchInsert ENTRIES = new BatchInsert("audit_entry",
            new BatchInsert.Column("tenant_id", Types.VARCHAR), new BatchInsert.Column("id", Types.OTHER),
            new BatchInsert.Column("client_id", Types.OTHER), new BatchInsert.Column("actor", Types.VARCHAR),
            new BatchInsert.Column("action", Types.VARCHAR),
            new BatchInsert.Column("occurred_at", Types.TIMESTAMP_WITH_TIMEZONE));
    private static final BatchInsert CHANGES = new BatchInsert("audit_change",
            new BatchInsert.Column("tenant_id", Types.VARCHAR), new BatchInsert.Column("entry_id", Types.OTHER),
            new BatchInsert.Column("position", Types.INTEGER), new BatchInsert.Column("client_id", Types.OTHER),
            new BatchInsert.Column("field", Types.VARCHAR), new BatchInsert.Column("before_value", Types.VARCHAR),
            new BatchInsert.Column("after_value", Types.VARCHAR), new BatchInsert.Column("personal", Types.BOOLEAN));

    private final EntityManagerAccess access;

    JpaAuditLog(EntityManagerAccess access) {
        this.access = access;
    }

    @Override
    public void append(AuditEntry entry) {
        appendAll(List.of(entry));
    }

    @Override
    public void appendAll(List<AuditEntry> entries) {
        Set<UUID> ids = new HashSet<>();
        for (AuditEntry e : entries) {
            if (!ids.add(e.id())) {
                throw ConflictException.duplicate("id", "audit entries are append-only; an id appears twice");
            }
        }
        EntityManager em = access.current();
        List<Object[]> changes = new ArrayList<>();
        for (AuditEntry e : entries) {
            for (int i = 0; i < e.changes().size(); i++) {
                FieldChange change = e.changes().get(i);
                changes.add(new Object[] {e.tenantId().value(), e.id(), i, e.clientId().value(), change.field(),
                    change.before().orElse(null), change.after().orElse(null), change.personal()});
            }
        }
        // the entries first: each change's foreign key names its entry
        ENTRIES.insert(em, entries, e -> new Object[] {e.tenantId().value(), e.id(), e.clientId().value(),
            e.actor(), e.action().name(), e.occurredAt()}, CONSTRAINTS);
        CHANGES.insert(em, changes, cells -> cells, CONSTRAINTS);
    }

    /**
     * One statement: the page's entries (one more, to tell whether a next page exists) on index
     * {@code audit_entry_client_idx}, as a derived table left-joined with their changes on the key
     * of {@code audit_change}, so that the number of statements never grows with the trail.
     */
    @Override
    public Page<AuditEntry> listForClient(TenantId tenant, ClientId client, PageRequest page) {
        EntityManager em = access.current();
        Optional<UUID> after = IdPosition.after(page);
        // scalar rows, not entities: nothing of the trail stays managed in the unit of work, so the
        // erasure's UPDATE can never leave a stale copy behind
        Query query = em.createNativeQuery("SELECT e.id, e.actor, e.action, e.occurred_at, c.field, c.before_value,"
                        + " c.after_value, c.personal FROM (SELECT x.tenant_id, x.id, x.actor, x.action, x.occurred_at"
                        + " FROM audit_entry x WHERE x.tenant_id = :tenant AND x.client_id = :client"
                        + (after.isPresent() ? " AND x.id < :after" : "") + " ORDER BY x.id DESC LIMIT :limit) e"
                        + " LEFT JOIN audit_change c ON c.tenant_id = e.tenant_id AND c.entry_id = e.id"
                        + " ORDER BY e.id DESC, c.position", AuditTables.PAGE_MAPPING)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .setParameter("limit", page.size() + 1);
        after.ifPresent(a -> query.setParameter("after", a));
        Map<UUID, Object[]> entries = new LinkedHashMap<>();
        Map<UUID, List<FieldChange>> changes = new HashMap<>();
        for (Object[] r : LedgerRows.nativeTuples(query)) {
            UUID id = (UUID) r[0];
            entries.putIfAbsent(id, r);
            List<FieldChange> ofEntry = changes.computeIfAbsent(id, k -> new ArrayList<>());
            if (r[4] != null) {
                ofEntry.add(new FieldChange((String) r[4], Optional.ofNullable((String) r[5]),
                        Optional.ofNullable((String) r[6]), (Boolean) r[7]));
            }
        }
        List<AuditEntry> list = entries.values().stream().map(r -> new AuditEntry((UUID) r[0], tenant, client,
                (String) r[1], AuditAction.valueOf((String) r[2]), (Instant) r[3], changes.get((UUID) r[0])))
                .toList();
        return Page.fromLookahead(list, page.size(), e -> IdPosition.cursor(e.id()));
    }

    @Override
    public void erasePersonalValues(TenantId tenant, ClientId client) {
        access.current().createNativeQuery("UPDATE audit_change SET"
                        + " before_value = CASE WHEN before_value IS NULL THEN NULL ELSE :erased END,"
                        + " after_value = CASE WHEN after_value IS NULL THEN NULL ELSE :erased END"
                        + " WHERE tenant_id = :tenant AND client_id = :client AND personal")
                .setParameter("erased", FieldChange.ERASED)
                .setParameter("tenant", tenant.value())
                .setParameter("client", client.value())
                .executeUpdate();
    }
}
