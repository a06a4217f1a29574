package io.clientele.adapter.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An append-only list whose writes a rolled-back unit of work undoes item by item: the rollback
 * removes exactly the items its unit appended and restores exactly the items its unit rewrote in
 * place (erasure rewrites items), and leaves every other item as it is, so units of work that
 * interleave ({@link MemoryTransactions#interleaved()}) never undo each other's committed writes.
 *
 * <p>Each item sits in its own cell, and undo actions find their cell by identity: an equal item
 * another unit appended is never taken for this unit's, and no undo depends on a position that a
 * concurrent append or removal could shift. A rewrite is undone only while the cell still holds
 * what the rewrite put there. Thread-safe: appends and removals are atomic on a lock-free linked queue
 * of cells, rewrites are compare-and-set on the cell.
 */
final class RollbackList<T> {

    /** One slot of the list; its identity, not its content, is what an undo action looks for. */
    private static final class Cell<T> {
        final AtomicReference<T> value;

        Cell(T value) {
            this.value = new AtomicReference<>(value);
        }
    }

    // a linked queue, not a copy-on-write list: an append costs the same however long the list is
    // (a copy-on-write list copied every event ever published on each append)
    private final ConcurrentLinkedQueue<Cell<T>> cells = new ConcurrentLinkedQueue<>();
    private final MemoryTransactions tx;

    RollbackList(MemoryTransactions tx) {
        this.tx = tx;
    }

    /** Appends the item; a rollback of the unit of work removes this very item. */
    void add(T item) {
        Cell<T> cell = new Cell<>(item);
        cells.add(cell);
        // Cell keeps Object's identity equals: exactly this cell goes, wherever it is by then
        tx.onRollback(() -> cells.remove(cell));
    }

    /**
     * Appends the items in order with one copy of the list (a batch appended item by item would
     * copy it once per item); a rollback of the unit of work removes exactly these items.
     */
    void addAll(List<? extends T> items) {
        List<Cell<T>> added = new ArrayList<>(items.size());
        for (T item : items) {
            added.add(new Cell<>(item));
        }
        cells.addAll(added);
        Set<Cell<T>> mine = Collections.newSetFromMap(new IdentityHashMap<>());
        mine.addAll(added);
        tx.onRollback(() -> cells.removeIf(mine::contains));
    }

    /**
     * Rewrites items in place (erasure): every item {@code change} answers another instance for is
     * replaced; a rollback puts back the items this call replaced, and only those.
     */
    void replaceAll(UnaryOperator<T> change) {
        for (Cell<T> cell : cells) {
            while (true) {
                T before = cell.value.get();
                T after = change.apply(before);
                if (after == before) {
                    break;
                }
                if (cell.value.compareAndSet(before, after)) {
                    // a later rewrite by another unit that committed is left alone
                    tx.onRollback(() -> cell.value.compareAndSet(after, before));
                    break;
                }
            }
        }
    }

    /** The items now, in the order they were appended. */
    List<T> snapshot() {
        List<T> items = new ArrayList<>();
        for (Cell<T> cell : cells) {
            items.add(cell.value.get());
        }
        return List.copyOf(items);
    }

    List<Object> contents() {
        return new ArrayList<>(snapshot());
    }
}
