package io.clientele.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs units of work on several threads at once for the concurrency contracts, with latches and
 * barriers instead of sleeps, and every wait bounded by {@link #TIMEOUT} (a step that does not
 * happen in time fails the test with an {@link AssertionError} naming it, instead of hanging).
 *
 * <p>{@link #together} releases every racer at the same instant, so that an adapter without the
 * atomicity under test loses the race often; {@link #holdAndWait} forces one interleaving: the
 * holder runs until it holds a lock, the waiter runs until it waits for that lock, then the holder
 * finishes. Thread-safe; each call uses threads of its own and stops them before it returns.
 */
public final class Race {

    /** How long any one step of a race may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Race() {
    }

    /**
     * What one racer did: the value it returned or what it threw, exactly one of them.
     *
     * @param <T> the racer's result type
     * @param value what the racer returned, when it returned
     * @param thrown what the racer threw, when it threw
     */
    public record Outcome<T>(Optional<T> value, Optional<Throwable> thrown) {

        /** Refuses an outcome that is both or neither. */
        public Outcome {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(thrown, "thrown");
            if (value.isPresent() == thrown.isPresent()) {
                throw new IllegalArgumentException("an outcome is a value or a throwable, exactly one");
            }
        }

        /** True when the racer returned normally. */
        public boolean returned() {
            return value.isPresent();
        }

        /** What the racer returned; an {@link AssertionError} with its throwable if it threw. */
        public T get() {
            return value.orElseThrow(() -> new AssertionError("the racer threw", thrown.orElseThrow()));
        }
    }

    /**
     * What {@link #holdAndWait} saw.
     *
     * @param <H> the holder's result type
     * @param <W> the waiter's result type
     * @param holder what the unit of work that held the lock did
     * @param waiter what the unit of work that waited for it did
     */
    public record Sequence<H, W>(Outcome<H> holder, Outcome<W> waiter) {

        /** Refuses a missing outcome. */
        public Sequence {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(waiter, "waiter");
        }
    }

    /**
     * Runs every racer on its own thread, releases them together (a barrier), and answers their
     * outcomes in the order given. A racer must return a value, never {@code null} (a racer of
     * work without a result returns {@link Boolean#TRUE}); returning {@code null} counts as a
     * failure of the racer.
     */
    public static <T> List<Outcome<T>> together(List<? extends Callable<? extends T>> racers) {
        Objects.requireNonNull(racers, "racers");
        if (racers.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        CyclicBarrier start = new CyclicBarrier(racers.size());
        try {
            List<Future<Outcome<T>>> running = new ArrayList<>(racers.size());
            for (Callable<? extends T> racer : racers) {
                running.add(pool.submit(() -> {
                    await(start);
                    return outcomeOf(racer);
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>(running.size());
            for (Future<Outcome<T>> future : running) {
                outcomes.add(get(future, "a racer"));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Forces one interleaving of two units of work. {@code holder} gets a {@link Runnable} to call
     * once it holds the lock under test (inside its unit of work); that call returns only after
     * {@code waiter} has started and {@code probe} has seen it wait for a lock. Then the holder
     * finishes its unit of work (committing or throwing), which lets the waiter go on. If the
     * waiter never waits, the probe fails the run instead of letting it pass by luck.
     */
    public static <H, W> Sequence<H, W> holdAndWait(LockProbe probe, Function<Runnable, Callable<H>> holder,
            Callable<W> waiter) {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(waiter, "waiter");
        CountDownLatch holds = new CountDownLatch(1);
        CountDownLatch waiterWaits = new CountDownLatch(1);
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<H> holding = holder.apply(() -> {
                holds.countDown();
                await(waiterWaits, "the waiter never waited for the holder's lock");
            });
            Future<Outcome<H>> first = pool.submit(() -> outcomeOf(holding));
            await(holds, "the holder never reported that it holds its lock");
            CountDownLatch started = new CountDownLatch(1);
            Future<Outcome<W>> second = pool.submit(() -> {
                waiterThread.set(Thread.currentThread());
                started.countDown();
                return outcomeOf(waiter);
            });
            await(started, "the waiter never started");
            try {
                probe.awaitWaiting(waiterThread.get());
            } finally {
                // whatever the probe found, the holder must not stay parked
                waiterWaits.countDown();
            }
            return new Sequence<>(get(first, "the holder"), get(second, "the waiter"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Outcome<T> outcomeOf(Callable<? extends T> work) {
        try {
            T value = work.call();
            return new Outcome<>(Optional.of(Objects.requireNonNull(value, "a racer returned null")),
                    Optional.empty());
        } catch (Exception | AssertionError e) {
            return new Outcome<>(Optional.empty(), Optional.of(e));
        }
    }

    private static <T> T get(Future<T> future, String who) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + who, e);
        } catch (ExecutionException e) {
            throw new AssertionError(who + " failed outside its own work", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(who + " did not finish in " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted at the start line", e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("the racers never all reached the start line", e);
        }
    }

    private static void await(CountDownLatch latch, String failure) {
        try {
            if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(failure, e);
        }
    }
}
