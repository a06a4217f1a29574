package io.clientele.client.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.LocalDate;

/**
 * A date of birth: not in the future (rule {@code not_in_future}) and at most
 * {@value #MAX_AGE_YEARS} years ago (rule {@code plausible}), both judged against today in the
 * studio's time zone ({@link TenantSettings#timeZone()}): a client of a studio in Auckland born
 * today there is not refused while it is still yesterday in UTC. Any {@link LocalDate}, {@code
 * LocalDate.MIN} and {@code MAX} included, is answered by one of these rules, never by a {@code
 * DateTimeException}.
 *
 * <p>Immutable and thread-safe.
 */
public record BirthDate(LocalDate value) {

    /** The oldest plausible age, in years. */
    public static final int MAX_AGE_YEARS = 130;

    public BirthDate {
        Validate.notNull("birthDate", value);
    }

    /** Validates {@code value} against {@code today} (the injected clock's instant, in the studio's zone). */
    public static BirthDate of(LocalDate value, LocalDate today) {
        Validate.notNull("birthDate", value);
        Validate.notNull("today", today);
        if (value.isAfter(today)) {
            throw new ValidationException("birthDate", "not_in_future", "cannot be in the future");
        }
        if (today.getYear() - MAX_AGE_YEARS > LocalDate.MIN.getYear()
                && value.isBefore(today.minusYears(MAX_AGE_YEARS))) {
            throw new ValidationException("birthDate", "plausible",
                    "more than " + MAX_AGE_YEARS + " years ago");
        }
        return new BirthDate(value);
    }
}
