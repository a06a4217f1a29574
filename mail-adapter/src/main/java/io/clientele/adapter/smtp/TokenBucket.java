package io.clientele.adapter.smtp;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The rate limit of one {@link SmtpMailSender}: a token bucket that fills at {@code ratePerSecond}
 * tokens per second up to {@code capacity} (the burst), and starts full. Each message takes one
 * token. A message that finds no token reserves the next one anyway and is told how long to wait
 * for it, so concurrent batches queue up behind each other in arrival order and the rate holds on
 * average over any window, whatever the number of threads; the waiting happens outside the lock.
 * A rate of 0 means no limit: no token is ever waited for.
 *
 * <p>Time comes from an injected nano-time source and waiting goes through an injected {@link
 * Sleeper}, so tests drive it without real sleeping. Thread-safe.
 */
final class TokenBucket {

    /** Waits, or pretends to in a test. */
    @FunctionalInterface
    interface Sleeper {
        /** Waits {@code nanos} nanoseconds; throws if the waiting thread is interrupted. */
        void sleep(long nanos) throws InterruptedException;

        /** The real one: parks the calling thread. */
        static Sleeper system() {
            return TimeUnit.NANOSECONDS::sleep;
        }
    }

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double ratePerSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** Tokens in the bucket; negative when waits are reserved. Guarded by {@code this}. */
    private double tokens;
    /** When {@link #tokens} was last brought up to date. Guarded by {@code this}. */
    private long updatedAt;

    TokenBucket(double ratePerSecond, int capacity, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond) || capacity < 1) {
            throw new IllegalArgumentException("rate must be finite and >= 0, capacity >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.updatedAt = nanoTime.getAsLong();
    }

    /** The bucket of {@code config}'s rate and burst, on the system's clock. */
    static TokenBucket of(SmtpConfig config) {
        return new TokenBucket(config.maxMessagesPerSecond(), config.burst(), System::nanoTime, Sleeper.system());
    }

    /** True when this bucket never makes anyone wait. */
    boolean unlimited() {
        return ratePerSecond == 0;
    }

    /**
     * Takes one token and answers how many nanoseconds to wait before using it (0 when one was
     * there). The token is reserved either way: call {@link #await} with the answer.
     */
    synchronized long reserve() {
        if (unlimited()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updatedAt) * ratePerSecond / NANOS_PER_SECOND);
        updatedAt = now;
        tokens -= 1;
        if (tokens >= 0) {
            return 0;
        }
        return (long) Math.ceil(-tokens * NANOS_PER_SECOND / ratePerSecond);
    }

    /** Waits {@code nanos} nanoseconds, as {@link #reserve} said; does nothing for 0. */
    void await(long nanos) throws InterruptedException {
        if (nanos > 0) {
            sleeper.sleep(nanos);
        }
    }
}
