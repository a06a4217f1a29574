package io.clientele.adapter.jpa;

import io.clientele.adapter.jpa.AuditTables.ChangeRow;
import io.clientele.adapter.jpa.AuditTables.EntryRow;
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
        List<Object> written = new ArrayList<>();
        for (AuditEntry e : entries) {
            written.add(entryRow(e));
            List<FieldChange> changes = e.changes();
            for (int i = 0; i < changes.size(); i++) {
                written.add(changeRow(e, i, changes.get(i)));
            }
        }
        // the rows are written and detached: none stays managed (see listForClient)
        SqlErrors.insertAll(em, written, CONSTRAINTS);
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

    private static EntryRow entryRow(AuditEntry e) {
        EntryRow row = new EntryRow();
        row.tenantId = e.tenantId().value();
        row.id = e.id();
        row.clientId = e.clientId().value();
        row.actor = e.actor();
        row.action = e.action().name();
        row.occurredAt = e.occurredAt();
        return row;
    }

    private static ChangeRow changeRow(AuditEntry e, int position, FieldChange change) {
        ChangeRow row = new ChangeRow();
        row.tenantId = e.tenantId().value();
        row.entryId = e.id();
        row.position = position;
        row.clientId = e.clientId().value();
        row.field = change.field();
        row.before = change.before().orElse(null);
        row.after = change.after().orElse(null);
        row.personal = change.personal();
        return row;
    }
}
