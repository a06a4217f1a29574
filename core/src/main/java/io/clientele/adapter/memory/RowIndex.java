package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of the rows of each group, for a store whose rows never change group: the in-memory
 * stand-in for a non-unique SQL index, so a look-up by the group reads that group's rows only,
 * never every row of the tenant. The usual group is a client ({@link #ofClient}: an index on
 * {@code (tenant_id, client_id)} for a client's credits, memberships, orders, payment methods and
 * intake forms). A store adds a key when it inserts the row and removes it when it deletes the
 * row; each change is undone when the unit of work rolls back. Thread-safe.
 *
 * @param <G> the indexed columns, as a record
 * @param <K> the row's primary key
 */
final class RowIndex<G, K> {

    /** The group of a client's rows: tenant and client. */
    record OfClient(TenantId tenant, ClientId client) {
    }

    private final ConcurrentHashMap<G, Set<K>> keys = new ConcurrentHashMap<>();
    private final MemoryTransactions tx;

    RowIndex(MemoryTransactions tx) {
        this.tx = tx;
    }

    /** The group of the client's rows. */
    static OfClient ofClient(TenantId tenant, ClientId client) {
        return new OfClient(tenant, client);
    }

    /** The row with {@code key} now belongs to {@code group}. */
    void add(G group, K key) {
        Set<K> held = keys.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet());
        if (held.add(key)) {
            tx.onRollback(() -> held.remove(key));
        }
    }

    /** The row with {@code key} was deleted. */
    void remove(G group, K key) {
        Set<K> held = keys.get(group);
        if (held != null && held.remove(key)) {
            tx.onRollback(() -> held.add(key));
        }
    }

    /** The keys of the group's rows, in no particular order. */
    List<K> keys(G group) {
        return List.copyOf(keys.getOrDefault(group, Set.of()));
    }
}
