package io.clientele.adapter.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Duration;

/**
 * How big a cache may grow and how long an entry lives: at most {@code maximumTenants} tenants'
 * entries per cache (the least useful go first beyond that, Caffeine's W-TinyLFU policy), each
 * served for {@code timeToLive} after it was loaded, timed by {@code ticker}. The time-to-live is
 * the longest a change made elsewhere (another instance of the host, a direct database edit) takes
 * to show; a change made through the cached instance shows at once.
 *
 * <p>Defaults ({@link #defaults()}): {@value #DEFAULT_MAXIMUM_TENANTS} tenants, 5 minutes, the
 * system ticker ({@link System#nanoTime()}). Bounds: 1 to {@value #MAX_TENANTS} tenants (field
 * {@code maximumTenants}, rule {@code range}), a time-to-live from 1 millisecond to 1 day (field
 * {@code timeToLive}, rule {@code range}). Immutable and thread-safe.
 */
public record CacheSpec(int maximumTenants, Duration timeToLive, Ticker ticker) {

    /** The default bound: this many tenants per cache. */
    public static final int DEFAULT_MAXIMUM_TENANTS = 10_000;
    /** The largest bound accepted. */
    public static final int MAX_TENANTS = 10_000_000;
    /** The default time-to-live of an entry. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** The longest time-to-live accepted. */
    public static final Duration MAX_TIME_TO_LIVE = Duration.ofDays(1);

    public CacheSpec {
        Validate.range("maximumTenants", maximumTenants, 1, MAX_TENANTS);
        Validate.notNull("timeToLive", timeToLive);
        if (timeToLive.compareTo(Duration.ofMillis(1)) < 0 || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) {
            throw new ValidationException("timeToLive", "range", "from 1 millisecond to 1 day");
        }
        Validate.notNull("ticker", ticker);
    }

    /** {@value #DEFAULT_MAXIMUM_TENANTS} tenants, 5 minutes, the system ticker. */
    public static CacheSpec defaults() {
        return new CacheSpec(DEFAULT_MAXIMUM_TENANTS, DEFAULT_TIME_TO_LIVE, Ticker.systemTicker());
    }

    /** This spec with another bound. */
    public CacheSpec withMaximumTenants(int value) {
        return new CacheSpec(value, timeToLive, ticker);
    }

    /** This spec with another time-to-live. */
    public CacheSpec withTimeToLive(Duration value) {
        return new CacheSpec(maximumTenants, value, ticker);
    }

    /** This spec timed by another ticker (tests drive one from their clock instead of sleeping). */
    public CacheSpec withTicker(Ticker value) {
        return new CacheSpec(maximumTenants, timeToLive, value);
    }
}
