package io.clientele.testkit;

import io.clientele.adapter.memory.MemoryTransactions;
import java.time.Duration;
import java.util.Objects;

/**
 * Tells a concurrency contract that a thread is waiting for a row lock another unit of work holds,
 * so that the contract can prove that a lock makes one unit of work wait for another without
 * guessing with sleeps. An adapter's test supplies it: in memory, {@link
 * #memory(MemoryTransactions)}; on PostgreSQL, a poll of {@code pg_locks} for a lock not granted
 * (one at a time: the contract runs one waiter); on H2, {@code INFORMATION_SCHEMA.SESSIONS} with a
 * {@code BLOCKER_ID}.
 *
 * <p>Implementations must be thread-safe and must bound their wait.
 */
@FunctionalInterface
public interface LockProbe {

    /** How long {@link #memory} waits for a thread to queue for a lock before it fails. */
    Duration TIMEOUT = Race.TIMEOUT;

    /**
     * Returns once {@code waiter} is blocked on a row lock that another unit of work holds; throws
     * an {@link AssertionError} if it is not within a bounded time (then the lock under test did not
     * make it wait).
     */
    void awaitWaiting(Thread waiter);

    /**
     * The probe for the in-memory adapters' row locks ({@link MemoryTransactions#waitsForRowLock}),
     * waiting at most {@link #TIMEOUT}.
     */
    static LockProbe memory(MemoryTransactions transactions) {
        return memory(transactions, TIMEOUT);
    }

    /** The probe for the in-memory adapters' row locks, waiting at most {@code timeout}. */
    static LockProbe memory(MemoryTransactions transactions, Duration timeout) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(timeout, "timeout");
        return waiter -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!transactions.waitsForRowLock(waiter)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(waiter.getName() + " never waited for a row lock");
                }
                Thread.onSpinWait();
            }
        };
    }
}
