package io.clientele.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand: it stands still until {@link #advance} or {@link #set}
 * moves it. Give it to {@code Clientele.builder().clock(...)} and to {@code new Ids(clock)} so that
 * times and ids in a test are reproducible. Its zone is UTC unless {@link #withZone} says
 * otherwise; a clock made by {@code withZone} shares the instant of the clock it came from.
 *
 * <p>Thread-safe: the instant is read and moved atomically.
 */
public final class MutableClock extends Clock {

    /** The instant {@link #standard()} starts at: 2026-03-02T09:00:00Z. */
    public static final Instant STANDARD_START = Instant.parse("2026-03-02T09:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock standing at {@code start}, in UTC. */
    public MutableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at {@link #STANDARD_START}, in UTC. */
    public static MutableClock standard() {
        return new MutableClock(STANDARD_START);
    }

    /** Moves the clock forward (or back, for a negative duration) by {@code by}. */
    public void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        now.updateAndGet(t -> t.plus(by));
    }

    /** Moves the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** The zone the clock reports; UTC unless made by {@link #withZone}. */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in {@code newZone} that shares this clock's instant: moving either moves both. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, Objects.requireNonNull(newZone, "zone"));
    }

    /** The instant the clock stands at. */
    @Override
    public Instant instant() {
        return now.get();
    }
}
