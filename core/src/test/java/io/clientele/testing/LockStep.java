package io.clientele.testing;

import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.common.ClientId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Forces one interleaving of two use cases on {@link MemoryTransactions#interleaved()} units of
 * work: the first runs until it holds its first row lock, then the second runs until it waits for
 * a row lock the first holds, then both finish. No sleeping: the steps are handed over with
 * latches from the runner's lock hooks. If the second never waits (it took no lock, so nothing
 * orders it after the first), or the first never locks, the run fails instead of passing by luck.
 * A first use case that locks something else before the row the race is about (a label before a
 * client, say) is paused at that row instead, with {@link #pausingAt}.
 */
public final class LockStep {

    private static final long TIMEOUT_SECONDS = 10;

    /** What one of the two use cases did: its result or what it threw. */
    public record Outcome(Object result, Throwable thrown) {
        /** True when it returned normally. */
        public boolean succeeded() {
            return thrown == null;
        }
    }

    /** Both outcomes, in the order the use cases were given. */
    public record Outcomes(Outcome first, Outcome second) {
    }

    private final MemoryTransactions tx;
    private final Predicate<Object> pauseAt;

    /** Pauses the first use case at the first row lock it takes. */
    public LockStep(MemoryTransactions tx) {
        this(tx, key -> true);
    }

    private LockStep(MemoryTransactions tx, Predicate<Object> pauseAt) {
        this.tx = tx;
        this.pauseAt = pauseAt;
    }

    /** The same, but pausing the first use case at the first row lock it takes whose key matches. */
    public LockStep pausingAt(Predicate<Object> key) {
        return new LockStep(tx, key);
    }

    /** The keys of the in-memory row lock of one client ({@code ClientRepository.findForUpdate}). */
    public static Predicate<Object> clientRow(ClientId client) {
        return key -> key.toString().contains(client.toString());
    }

    /** Runs {@code first} then {@code second} as described in the class comment. */
    public Outcomes run(Callable<?> first, Callable<?> second) throws InterruptedException {
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondWaits = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Thread[] roles = new Thread[2];
        tx.onLockAcquired(key -> {
            if (Thread.currentThread() == roles[0] && firstHolds.getCount() > 0 && pauseAt.test(key)) {
                firstHolds.countDown();
                await(secondWaits, "the second use case never waited for the first one's lock");
                awaitQueued(roles[1]);
            }
        });
        tx.onLockWait(key -> {
            if (Thread.currentThread() == roles[1]) {
                secondWaits.countDown();
            }
        });
        try {
            Future<Outcome> one = pool.submit(() -> {
                roles[0] = Thread.currentThread();
                return outcomeOf(first);
            });
            await(firstHolds, "the first use case never took a row lock");
            Future<Outcome> two = pool.submit(() -> {
                roles[1] = Thread.currentThread();
                return outcomeOf(second);
            });
            return new Outcomes(get(one), get(two));
        } finally {
            tx.onLockAcquired(key -> { });
            tx.onLockWait(key -> { });
            pool.shutdownNow();
        }
    }

    private static Outcome outcomeOf(Callable<?> work) {
        try {
            return new Outcome(work.call(), null);
        } catch (Exception | AssertionError e) {
            return new Outcome(null, e);
        }
    }

    private static Outcome get(Future<Outcome> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a use case failed outside its own code", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a use case did not finish in " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /**
     * The wait listener runs just before the second thread parks on the lock; the first must not
     * release it before the second is really queued, or a third request could take it first.
     */
    private void awaitQueued(Thread second) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!tx.waitsForRowLock(second)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the second use case never queued for the first one's lock");
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch, String failure) {
        Latches.await(latch, failure);
    }
}
