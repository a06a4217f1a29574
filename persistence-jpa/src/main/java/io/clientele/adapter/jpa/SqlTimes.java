package io.clientele.adapter.jpa;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the databases compare them. {@code timestamp with time zone} keeps microseconds, and
 * PostgreSQL's driver rounds a finer instant to the nearest microsecond, which can carry an instant
 * just before an expiry or a due time onto it (a link one nanosecond before its expiry would read
 * as expired). Every instant an adapter compares with a stored time goes through {@link #micros},
 * cut down instead of rounded, so the comparison answers as it does for the exact instant, as the
 * in-memory adapters answer. Stateless; thread-safe.
 */
final class SqlTimes {

    private SqlTimes() {
    }

    /** {@code instant} cut down to whole microseconds. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
