package io.clientele.adapter.memory;

import io.clientele.common.TransactionRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-memory {@link TransactionRunner}. Every in-memory store registers an undo action for each
 * write, and when the work throws, the undo actions run in reverse order, so a failed unit of work
 * leaves nothing behind. A nested call joins the open unit of work.
 *
 * <p>Two modes. {@link #MemoryTransactions() serializable} (the default, for tests and prototypes):
 * units of work run one at a time. {@link #interleaved()}: units of work run at the same time and
 * see each other's writes at once, and only the row locks they take ({@link #lockRow}, which the
 * in-memory {@code ClientRepository.findForUpdate} takes) make one wait for another until it ends,
 * as a SQL database at READ COMMITTED does with {@code SELECT ... FOR UPDATE}. Tests of races use
 * it to show that the core's own rules, not the runner, keep the data right.
 *
 * <p>Thread-safe. Writes made outside any unit of work apply immediately and cannot be undone, and
 * take no row lock.
 */
public final class MemoryTransactions implements TransactionRunner {

    private final boolean serializable;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ThreadLocal<Unit> current = new ThreadLocal<>();
    private final ConcurrentHashMap<Object, ReentrantLock> rowLocks = new ConcurrentHashMap<>();
    private volatile Consumer<Object> lockWaitListener = key -> { };
    private volatile Consumer<Object> lockAcquiredListener = key -> { };

    /** Units of work run one at a time (serializable isolation). */
    public MemoryTransactions() {
        this(true);
    }

    private MemoryTransactions(boolean serializable) {
        this.serializable = serializable;
    }

    /**
     * Units of work run at the same time, without isolation; only row locks serialize them (see the
     * class comment). For tests of concurrent use cases.
     */
    public static MemoryTransactions interleaved() {
        return new MemoryTransactions(false);
    }

    /** What one open unit of work has done: its undo actions and the row locks it holds. */
    private static final class Unit {
        final boolean readOnly;
        final Deque<Runnable> undo = new ArrayDeque<>();
        final List<ReentrantLock> held = new ArrayList<>();

        Unit(boolean readOnly) {
            this.readOnly = readOnly;
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return unitOfWork(false, work);
    }

    /**
     * Runs {@code work} in a read-only unit: like a read-only SQL transaction, any write to an
     * in-memory store or row lock taken in it fails with an {@link IllegalStateException}, so a
     * use case that should only read and does not is caught by the tests.
     */
    @Override
    public <T> T inReadOnlyTransaction(Supplier<T> work) {
        return unitOfWork(true, work);
    }

    private <T> T unitOfWork(boolean readOnly, Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        if (serializable) {
            lock.lock();
        }
        Unit unit = new Unit(readOnly);
        current.set(unit);
        try {
            return work.get();
        } catch (Throwable e) {
            // Throwable, not just unchecked ones: a checked exception thrown sneakily (Lombok,
            // Kotlin) must not commit half of the work; precise rethrow keeps the signature.
            while (!unit.undo.isEmpty()) {
                unit.undo.pop().run();
            }
            throw e;
        } finally {
            current.remove();
            for (int i = unit.held.size() - 1; i >= 0; i--) {
                unit.held.get(i).unlock();
            }
            if (serializable) {
                lock.unlock();
            }
        }
    }

    /** Registers how to undo a write, if a unit of work is open on this thread. */
    void onRollback(Runnable action) {
        Unit unit = current.get();
        if (unit != null) {
            if (unit.readOnly) {
                // the store has already written: take it back at once, then refuse like SQL does
                action.run();
                requireWritable(unit);
            }
            unit.undo.push(action);
        }
    }

    /**
     * Locks the row with this key until the current unit of work ends, waiting while another unit
     * holds it (first come, first served); does nothing outside a unit of work. A unit that already
     * holds the lock keeps it.
     */
    public void lockRow(Object key) {
        Objects.requireNonNull(key, "key");
        Unit unit = current.get();
        if (unit == null) {
            return;
        }
        requireWritable(unit);
        ReentrantLock row = rowLocks.computeIfAbsent(key, k -> new ReentrantLock(true));
        if (row.isHeldByCurrentThread()) {
            return;
        }
        if (!tryLockFairly(row)) {
            lockWaitListener.accept(key);
            row.lock();
        }
        unit.held.add(row);
        lockAcquiredListener.accept(key);
    }

    /** Takes the lock at once if it is free and nobody is queued for it (plain tryLock would barge). */
    private static void requireWritable(Unit unit) {
        if (unit.readOnly) {
            throw new IllegalStateException("a write or row lock in a read-only unit of work");
        }
    }

    private static boolean tryLockFairly(ReentrantLock row) {
        try {
            return row.tryLock(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when {@code thread} is queued for a row lock another unit of work holds. For tests. */
    public boolean waitsForRowLock(Thread thread) {
        return rowLocks.values().stream().anyMatch(row -> row.hasQueuedThread(thread));
    }

    /**
     * Tells {@code listener} the key of every row lock a unit of work is about to wait for, because
     * another unit holds it (called on the waiting thread, before it waits). For tests that force
     * an interleaving; replaces the previous listener.
     */
    public void onLockWait(Consumer<Object> listener) {
        this.lockWaitListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Tells {@code listener} the key of every row lock a unit of work has just taken (called on
     * that thread, which holds the lock while the listener runs). For tests that force an
     * interleaving; replaces the previous listener.
     */
    public void onLockAcquired(Consumer<Object> listener) {
        this.lockAcquiredListener = Objects.requireNonNull(listener, "listener");
    }

    /** True when the current thread is inside a unit of work. */
    public boolean inTransaction() {
        return current.get() != null;
    }
}
