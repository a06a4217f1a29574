package io.clientele.membership.model;

import io.clientele.common.TimeBounds;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * What a membership issues: {@code creditsPerPeriod} credits (1 to {@value #MAX_CREDITS_PER_PERIOD})
 * at the start of every {@link CreditPeriod period}, each valid for {@code validity} counted from
 * the period's first day (positive, at most {@value #MAX_VALIDITY_YEARS} years, for example
 * {@code P10Y}, {@code P120M} or {@code P3653D}; field {@code validity}, rule {@code range}), or
 * without expiry when {@code validity} is empty. Any {@link Period}, {@code
 * Period.ofYears(Integer.MAX_VALUE)} or a negative one included, is answered by that rule, never
 * by a {@code DateTimeException}. For example 8 credits every month, valid 1 month.
 *
 * <p>Immutable and thread-safe.
 */
public record RecurringCreditRule(int creditsPerPeriod, CreditPeriod period, Optional<Period> validity) {

    /** The most credits one period can issue. */
    public static final int MAX_CREDITS_PER_PERIOD = 100;
    /** The longest validity of a credit, in years. */
    public static final int MAX_VALIDITY_YEARS = 10;

    public RecurringCreditRule {
        Validate.range("creditsPerPeriod", creditsPerPeriod, 1, MAX_CREDITS_PER_PERIOD);
        Validate.notNull("period", period);
        Validate.notNull("validity", validity);
        validity.ifPresent(RecurringCreditRule::checkValidity);
    }

    /** {@code credits} credits every {@code period}, each valid for {@code validity}. */
    public static RecurringCreditRule of(int credits, CreditPeriod period, Period validity) {
        return new RecurringCreditRule(credits, period, Optional.of(Validate.notNull("validity", validity)));
    }

    /** {@code credits} credits every {@code period} that never expire. */
    public static RecurringCreditRule withoutExpiry(int credits, CreditPeriod period) {
        return new RecurringCreditRule(credits, period, Optional.empty());
    }

    /** The day, from its first moment on, that credits of a period starting on {@code periodStart} are expired. */
    public Optional<LocalDate> expiryOf(LocalDate periodStart) {
        return validity.map(periodStart::plus);
    }

    private static void checkValidity(Period validity) {
        if (!TimeBounds.isPositive(validity) || !TimeBounds.isAtMostYears(validity, MAX_VALIDITY_YEARS)) {
            throw new ValidationException("validity", "range",
                    "a positive period of at most " + MAX_VALIDITY_YEARS + " years");
        }
    }
}
