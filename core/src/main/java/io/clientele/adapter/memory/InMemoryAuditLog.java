package io.clientele.adapter.memory;

import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.port.AuditLog;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * In-memory append-only {@link AuditLog} (erasure's rewrite of personal values aside); writes roll
 * back with a failed unit of work. Thread-safe.
 */
public final class InMemoryAuditLog implements AuditLog, InspectableStore {

    private final VersionedMap<UUID, AuditEntry> entries;

    public InMemoryAuditLog(MemoryTransactions tx) {
        this.entries = new VersionedMap<>(tx);
    }

    @Override
    public synchronized void append(AuditEntry entry) {
        if (entries.get(entry.id()).isPresent()) {
            throw ConflictException.duplicate("id", "audit entries are append-only; id " + entry.id() + " exists");
        }
        entries.put(entry.id(), entry);
    }

    /** Checks every id first, so a refused batch appends nothing even outside a unit of work. */
    @Override
    public synchronized void appendAll(List<AuditEntry> batch) {
        Set<UUID> ids = new HashSet<>();
        for (AuditEntry entry : batch) {
            if (!ids.add(entry.id()) || entries.get(entry.id()).isPresent()) {
                throw ConflictException.duplicate("id", "audit entries are append-only; id " + entry.id() + " exists");
            }
        }
        batch.forEach(entry -> entries.put(entry.id(), entry));
    }

    @Override
    public synchronized void erasePersonalValues(TenantId tenant, ClientId client) {
        for (AuditEntry entry : entries.values(e -> e.tenantId().equals(tenant) && e.clientId().equals(client))) {
            AuditEntry erased = entry.erased();
            if (!erased.equals(entry)) {
                entries.put(entry.id(), erased);
            }
        }
    }

    @Override
    public Page<AuditEntry> listForClient(TenantId tenant, ClientId client, PageRequest page) {
        Optional<UUID> after = page.after().map(InMemoryAuditLog::decode);
        List<AuditEntry> rows = entries.values(e -> e.tenantId().equals(tenant) && e.clientId().equals(client)
                        && after.map(a -> e.id().compareTo(a) < 0).orElse(true)).stream()
                .sorted(Comparator.comparing(AuditEntry::id).reversed())
                .limit(page.size() + 1L)
                .toList();
        return Page.fromLookahead(rows, page.size(), e -> Cursor.of(e.id().toString()));
    }

    private static UUID decode(Cursor cursor) {
        try {
            return UUID.fromString(cursor.parts(1).get(0));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
        }
    }

    /** Every entry of the tenant, for tests. */
    public List<AuditEntry> all(TenantId tenant) {
        return entries.values(e -> e.tenantId().equals(tenant)).stream()
                .sorted(Comparator.comparing(AuditEntry::id)).toList();
    }

    @Override
    public String storeName() {
        return "audit";
    }

    @Override
    public List<Object> contents() {
        return entries.contents();
    }
}
