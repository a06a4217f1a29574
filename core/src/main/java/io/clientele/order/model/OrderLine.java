package io.clientele.order.model;

import io.clientele.common.Text;
import io.clientele.common.TimeBounds;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One line of an {@link Order}: a {@link PackagePurchase} (credits the client buys; placing the
 * order grants them) or a {@link BookingReference} (something booked in the host's system, which
 * Clientele only records). Every line has a price. Lines validate their fields in their
 * constructors, naming the field relative to the line ({@code credits}, {@code name}, ...).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface OrderLine permits OrderLine.PackagePurchase, OrderLine.BookingReference {

    /** What the line costs. */
    Money price();

    /**
     * A package of {@code credits} credits (1 to {@value #MAX_CREDITS}) named for the client, for
     * example "10 classes". Each credit expires {@code creditValidity} after the order is placed
     * (calendar arithmetic: one month from 31 January is the end of February); without a validity
     * the credits never expire. A validity is positive and at most ten years ({@code P10Y} or
     * {@code P3653D}): field {@code creditValidity}, rules {@code positive} and {@code range}.
     */
    record PackagePurchase(String name, int credits, Optional<Period> creditValidity, Money price)
            implements OrderLine {

        /** The most credits one package line holds. */
        public static final int MAX_CREDITS = 100;
        /** The longest package name, in characters. */
        public static final int MAX_NAME_LENGTH = 100;

        public PackagePurchase {
            name = Text.singleLine("name", Validate.notBlank("name", name), MAX_NAME_LENGTH);
            Validate.range("credits", credits, 1, MAX_CREDITS);
            Validate.notNull("creditValidity", creditValidity);
            creditValidity.ifPresent(PackagePurchase::checkValidity);
            Validate.notNull("price", price);
        }

        /** When credits granted at {@code placedAt} expire, reckoned in {@code zone}; empty when never. */
        public Optional<Instant> creditsExpireAt(Instant placedAt, ZoneId zone) {
            return creditValidity.map(p -> placedAt.atZone(zone).plus(p).toInstant());
        }

        private static void checkValidity(Period validity) {
            if (!TimeBounds.isPositive(validity)) {
                throw new ValidationException("creditValidity", "positive", "a validity longer than zero");
            }
            if (!TimeBounds.isAtMostYears(validity, 10)) {
                throw new ValidationException("creditValidity", "range", "at most ten years");
            }
        }
    }

    /**
     * A reference to a booking in the host's system ({@code bookingRef}, the host's id: one line of
     * 1 to {@value #MAX_REF_LENGTH} characters) with a description for people (one line of 1 to
     * {@value #MAX_DESCRIPTION_LENGTH} characters, for example "Yoga, 12 March 18:00"). It grants
     * nothing; the booking stays the host's.
     */
    record BookingReference(String bookingRef, String description, Money price) implements OrderLine {

        /** The longest booking reference, in characters. */
        public static final int MAX_REF_LENGTH = 100;
        /** The longest description, in characters. */
        public static final int MAX_DESCRIPTION_LENGTH = 200;

        public BookingReference {
            bookingRef = Text.singleLine("bookingRef", Validate.notBlank("bookingRef", bookingRef), MAX_REF_LENGTH);
            description = Text.singleLine("description",
                    Validate.notBlank("description", description), MAX_DESCRIPTION_LENGTH);
            Validate.notNull("price", price);
        }
    }
}
