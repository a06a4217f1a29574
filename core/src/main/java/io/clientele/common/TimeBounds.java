package io.clientele.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The documented ranges of the dates and instants callers and hosts pass in, checked at the
 * boundary so that no date arithmetic further in can overflow into a raw {@code
 * DateTimeException}. Every refusal is a {@link ValidationException} naming the field:
 *
 * <ul>
 *   <li>calendar dates lie between {@link #EARLIEST_DATE} (1900-01-01) and {@link #LATEST_DATE}
 *       (9999-12-31), rule {@code range};
 *   <li>instants a record is dated with (an intake form's submission, an imported consent
 *       decision) lie between {@link #EARLIEST_RECORD} (1970-01-01T00:00:00Z) and now, rules {@code
 *       range} and {@code not_in_future};
 *   <li>expiries a caller sets lie after now (rule {@code in_future}) and at most {@value
 *       #MAX_YEARS_AHEAD} years ahead (rule {@code range}).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class TimeBounds {

    /**
     * The earliest calendar date accepted: 1900-01-01. Birth dates reach back at most 130 years
     * and membership dates at most one, so only corrupt input is earlier.
     */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /**
     * The latest calendar date accepted: 9999-12-31, the last date of four-digit years, which SQL
     * date columns and ISO 8601 strings hold without extension.
     */
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);
    /**
     * The earliest instant a record may be dated with: 1970-01-01T00:00:00Z. No studio system
     * recorded a form or a consent earlier, and SQL timestamp columns hold every instant from here
     * to {@link #LATEST_DATE}.
     */
    public static final Instant EARLIEST_RECORD = Instant.EPOCH;
    /** The most years ahead of now an expiry a caller sets may lie: 10. */
    public static final int MAX_YEARS_AHEAD = 10;

    /** Periods are measured from here: the years after 2000-01-01 start with a leap year, so hold the most days. */
    private static final LocalDate PERIOD_ANCHOR = LocalDate.of(2000, 1, 1);

    private TimeBounds() {
    }

    /** True for a period forward in time: no part negative, and not zero. */
    public static boolean isPositive(Period period) {
        return !period.isZero() && period.getYears() >= 0 && period.getMonths() >= 0 && period.getDays() >= 0;
    }

    /**
     * True when a positive {@code period} moves any date at most {@code years} years ahead: each part
     * is bounded first ({@code years} years, {@code 12 * years} months, or the days of the longest
     * {@code years} years), so no date arithmetic overflows whatever the period ({@code
     * P2147483647Y} included); then the period is added to a date whose following {@code years}
     * years hold the most days.
     */
    public static boolean isAtMostYears(Period period, int years) {
        LocalDate limit = PERIOD_ANCHOR.plusYears(years);
        boolean partTooLong = period.getYears() > years || period.getMonths() > 12L * years
                || period.getDays() > ChronoUnit.DAYS.between(PERIOD_ANCHOR, limit);
        return !partTooLong && !PERIOD_ANCHOR.plus(period).isAfter(limit);
    }

    /** Requires a date between {@link #EARLIEST_DATE} and {@link #LATEST_DATE}; rule {@code range}. */
    public static LocalDate requireDate(String field, LocalDate value) {
        Validate.notNull(field, value);
        if (value.isBefore(EARLIEST_DATE) || value.isAfter(LATEST_DATE)) {
            throw new ValidationException(field, "range", "between " + EARLIEST_DATE + " and " + LATEST_DATE);
        }
        return value;
    }

    /**
     * Requires the instant a record is dated with: not after {@code now} (rule {@code
     * not_in_future}) and not before {@link #EARLIEST_RECORD} (rule {@code range}).
     */
    public static Instant requirePast(String field, Instant value, Instant now) {
        Validate.notNull(field, value);
        if (value.isAfter(now)) {
            throw new ValidationException(field, "not_in_future", "cannot be in the future");
        }
        if (value.isBefore(EARLIEST_RECORD)) {
            throw new ValidationException(field, "range", "not before " + EARLIEST_RECORD);
        }
        return value;
    }

    /**
     * Requires an expiry after {@code now} (rule {@code in_future}) and at most {@value
     * #MAX_YEARS_AHEAD} calendar years after it, counted in UTC (rule {@code range}).
     */
    public static Instant requireFutureWithin(String field, Instant value, Instant now) {
        Validate.notNull(field, value);
        if (!value.isAfter(now)) {
            throw new ValidationException(field, "in_future", "must lie in the future");
        }
        if (value.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS_AHEAD).toInstant())) {
            throw new ValidationException(field, "range", "at most " + MAX_YEARS_AHEAD + " years ahead");
        }
        return value;
    }
}
