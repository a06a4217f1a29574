package io.clientele.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * An append-only list whose appends are undone, by identity, when the unit of work that made them
 * rolls back; equal items appended by committed work stay in place. Erasure may rewrite items in
 * place, which a rollback also undoes.
 */
final class RollbackList<T> {

    private final CopyOnWriteArrayList<T> items = new CopyOnWriteArrayList<>();
    private final MemoryTransactions tx;

    RollbackList(MemoryTransactions tx) {
        this.tx = tx;
    }

    void add(T item) {
        items.add(item);
        tx.onRollback(() -> removeLast(item));
    }

    private void removeLast(T item) {
        // rollbacks are serialized by the unit of work, so the index stays valid
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i) == item) {
                items.remove(i);
                return;
            }
        }
    }

    /** Replaces items in place (erasure); a rollback restores them. */
    void replaceAll(UnaryOperator<T> change) {
        List<T> before = List.copyOf(items);
        items.replaceAll(change);
        tx.onRollback(() -> {
            items.clear();
            items.addAll(before);
        });
    }

    List<T> snapshot() {
        return List.copyOf(items);
    }

    List<Object> contents() {
        return new ArrayList<>(items);
    }
}
