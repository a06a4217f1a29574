package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of each client's rows in a store whose rows never change client (credits, memberships,
 * orders, payment methods, intake forms): the in-memory stand-in for an index on {@code
 * (tenant_id, client_id)}, so a client's list reads that client's rows only, never every row of
 * the tenant. A store adds a key when it inserts the row and removes it when it deletes the row;
 * each change is undone when the unit of work rolls back. Thread-safe.
 */
final class ClientIndex<K> {

    private record Owner(TenantId tenant, ClientId client) {
    }

    private final ConcurrentHashMap<Owner, Set<K>> keys = new ConcurrentHashMap<>();
    private final MemoryTransactions tx;

    ClientIndex(MemoryTransactions tx) {
        this.tx = tx;
    }

    /** The row with {@code key} now belongs to the client. */
    void add(TenantId tenant, ClientId client, K key) {
        Set<K> held = keys.computeIfAbsent(new Owner(tenant, client), owner -> ConcurrentHashMap.newKeySet());
        if (held.add(key)) {
            tx.onRollback(() -> held.remove(key));
        }
    }

    /** The row with {@code key} was deleted. */
    void remove(TenantId tenant, ClientId client, K key) {
        Set<K> held = keys.get(new Owner(tenant, client));
        if (held != null && held.remove(key)) {
            tx.onRollback(() -> held.add(key));
        }
    }

    /** The keys of the client's rows, in no particular order. */
    List<K> keys(TenantId tenant, ClientId client) {
        return List.copyOf(keys.getOrDefault(new Owner(tenant, client), Set.of()));
    }
}
