package io.clientele.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A concurrent map whose writes register undo actions with the open in-memory unit of work. */
final class VersionedMap<K, V> {

    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final MemoryTransactions tx;

    VersionedMap(MemoryTransactions tx) {
        this.tx = tx;
    }

    Optional<V> get(K key) {
        return Optional.ofNullable(map.get(key));
    }

    void put(K key, V value) {
        V previous = map.put(key, value);
        tx.onRollback(() -> {
            if (previous == null) {
                map.remove(key, value);
            } else {
                map.replace(key, value, previous);
            }
        });
    }

    boolean remove(K key) {
        V previous = map.remove(key);
        if (previous != null) {
            tx.onRollback(() -> map.putIfAbsent(key, previous));
        }
        return previous != null;
    }

    /**
     * Removes the key only while it maps to {@code expected} (an index entry that another row has
     * taken over stays); a rollback puts it back unless the key was taken meanwhile.
     */
    boolean remove(K key, V expected) {
        boolean removed = map.remove(key, expected);
        if (removed) {
            tx.onRollback(() -> map.putIfAbsent(key, expected));
        }
        return removed;
    }

    List<V> values(Predicate<? super V> filter) {
        List<V> out = new ArrayList<>();
        for (V value : map.values()) {
            if (filter.test(value)) {
                out.add(value);
            }
        }
        return out;
    }

    List<Object> contents() {
        return new ArrayList<>(map.values());
    }
}
