package io.clientele.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A map whose writes register undo actions with the open in-memory unit of work, as {@link
 * VersionedMap}'s do, and which keeps secondary indexes in step with its values: the in-memory
 * stand-in for a table with its indexes. Every change of a key's value, the undo of a rolled-back
 * write included, is told to each {@link Index} while that key's entry is held, so the indexes
 * always agree with the values, also when units of work interleave ({@link
 * MemoryTransactions#interleaved()}).
 *
 * <p>Thread-safe; indexes must be thread-safe too, and must not touch this map.
 */
final class IndexedMap<K, V> {

    /** A secondary index: told when a value enters the map under its key, and when it leaves. */
    interface Index<K, V> {

        /** {@code value} is now stored under {@code key}. */
        void add(K key, V value);

        /** {@code value} is no longer stored under {@code key}. */
        void remove(K key, V value);
    }

    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final MemoryTransactions tx;
    private final List<Index<K, V>> indexes;
    /** How many times every value was looked at ({@link #values}): tests pin which calls never scan. */
    private final LongAdder scans = new LongAdder();

    IndexedMap(MemoryTransactions tx, List<Index<K, V>> indexes) {
        this.tx = tx;
        this.indexes = List.copyOf(indexes);
    }

    Optional<V> get(K key) {
        return Optional.ofNullable(map.get(key));
    }

    /** Stores the value; a rollback of the unit of work puts back what was there, unless rewritten since. */
    void put(K key, V value) {
        AtomicReference<@Nullable V> previous = new AtomicReference<>();
        map.compute(key, (k, before) -> {
            if (before != null) {
                unindex(k, before);
            }
            index(k, value);
            previous.set(before);
            return value;
        });
        V before = previous.get();
        tx.onRollback(() -> map.compute(key, (k, current) -> {
            if (!Objects.equals(current, value)) {
                // another unit of work wrote the key since, and committed: its value stays
                return current;
            }
            unindex(k, value);
            if (before != null) {
                index(k, before);
            }
            return before;
        }));
    }

    /**
     * Removes the key's value, if any, and tells the indexes; a rollback of the unit of work puts it
     * back unless the key was written again since. True when there was a value.
     */
    boolean remove(K key) {
        AtomicReference<@Nullable V> previous = new AtomicReference<>();
        map.computeIfPresent(key, (k, before) -> {
            unindex(k, before);
            previous.set(before);
            return null;
        });
        V before = previous.get();
        if (before == null) {
            return false;
        }
        tx.onRollback(() -> map.compute(key, (k, current) -> {
            if (current != null) {
                // another unit of work wrote the key since, and committed: its value stays
                return current;
            }
            index(k, before);
            return before;
        }));
        return true;
    }

    /** The values {@code filter} accepts, in no particular order: a scan, for what no index serves. */
    List<V> values(Predicate<? super V> filter) {
        scans.increment();
        List<V> out = new ArrayList<>();
        for (V value : map.values()) {
            if (filter.test(value)) {
                out.add(value);
            }
        }
        return out;
    }

    /** How many scans ({@link #values}) were made so far. */
    long scans() {
        return scans.sum();
    }

    List<Object> contents() {
        return new ArrayList<>(map.values());
    }

    private void index(K key, V value) {
        for (Index<K, V> index : indexes) {
            index.add(key, value);
        }
    }

    private void unindex(K key, V value) {
        for (Index<K, V> index : indexes) {
            index.remove(key, value);
        }
    }
}
