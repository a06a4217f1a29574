package io.clientele.membership.model;

import io.clientele.common.Validate;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How often a membership issues its credits. Periods are numbered from 0; period 0 starts on the
 * membership's start date and period {@code n} starts {@code n} weeks, months or years after it,
 * always counted from the start date, so a membership starting on 31 January has periods starting
 * on 28 (or 29) February, then 31 March, without drifting to the 28th.
 */
public enum CreditPeriod {
    /** Every 7 days from the start date. */
    WEEKLY(ChronoUnit.WEEKS),
    /** Every calendar month from the start date (clamped to the month's last day). */
    MONTHLY(ChronoUnit.MONTHS),
    /** Every year from the start date (29 February becomes 28 February in other years). */
    YEARLY(ChronoUnit.YEARS);

    private final ChronoUnit unit;

    CreditPeriod(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The first day of period {@code index} of a membership starting on {@code first}. */
    public LocalDate start(LocalDate first, long index) {
        Validate.notNull("startDate", first);
        if (index < 0) {
            throw new IllegalArgumentException("period index must not be negative: " + index);
        }
        return first.plus(index, unit);
    }

    /**
     * The index of the period that {@code date} falls in, for a membership starting on {@code
     * first}; -1 when {@code date} is before {@code first}. The latest period whose start is on or
     * before {@code date}.
     */
    public long indexOn(LocalDate first, LocalDate date) {
        Validate.notNull("startDate", first);
        Validate.notNull("date", date);
        if (date.isBefore(first)) {
            return -1;
        }
        // ChronoUnit.between counts whole units with the day of month of the end date, which can
        // differ by one from the clamped period starts (31 Jan + 1 month = 28 Feb): adjust.
        long index = unit.between(first, date);
        while (index > 0 && start(first, index).isAfter(date)) {
            index--;
        }
        while (!start(first, index + 1).isAfter(date)) {
            index++;
        }
        return index;
    }
}
