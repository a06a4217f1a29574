package io.clientele.adapter.memory;

import io.clientele.common.TransactionRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory {@link TransactionRunner}. Units of work run one at a time (serializable
 * isolation); every in-memory store registers an undo action for each write, and when the work
 * throws, the undo actions run in reverse order, so a failed unit of work leaves nothing behind.
 * A nested call joins the open unit of work.
 *
 * <p>Thread-safe. Writes made outside any unit of work apply immediately and cannot be undone.
 */
public final class MemoryTransactions implements TransactionRunner {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final ThreadLocal<Deque<Runnable>> undo = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undo.get() != null) {
            return work.get();
        }
        lock.lock();
        Deque<Runnable> log = new ArrayDeque<>();
        undo.set(log);
        try {
            return work.get();
        } catch (Throwable e) {
            // Throwable, not just unchecked ones: a checked exception thrown sneakily (Lombok,
            // Kotlin) must not commit half of the work; precise rethrow keeps the signature.
            while (!log.isEmpty()) {
                log.pop().run();
            }
            throw e;
        } finally {
            undo.remove();
            lock.unlock();
        }
    }

    /** Registers how to undo a write, if a unit of work is open on this thread. */
    void onRollback(Runnable action) {
        Deque<Runnable> log = undo.get();
        if (log != null) {
            log.push(action);
        }
    }

    /** True when the current thread is inside a unit of work. */
    public boolean inTransaction() {
        return undo.get() != null;
    }
}
