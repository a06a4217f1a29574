package io.clientele.order.service;

import io.clientele.common.Validate;
import io.clientele.order.model.Money;
import io.clientele.order.model.OrderLine;
import java.math.BigDecimal;
import java.time.Period;
import java.util.Optional;

/**
 * One line of an order as staff entered it: unchecked values that {@link OrderService#place}
 * validates, reporting a broken rule on a field named after the line's position and the
 * component, for example {@code lines[0].credits} or {@code lines[2].currency}. The price is an
 * ISO 4217 currency code and an amount with at most the currency's decimals (see {@link Money}).
 *
 * <p>Dumb carriers: constructing one checks nothing. Immutable and thread-safe.
 */
public sealed interface OrderLineInput permits OrderLineInput.PackagePurchase, OrderLineInput.BookingReference {

    /**
     * The validated model line; a broken rule is a {@code ValidationException} on a field named
     * relative to the line ({@code credits}, {@code currency}, ...).
     */
    OrderLine toLine();

    /**
     * A package of credits expiring {@code creditValidity} after the order is placed. A null
     * validity is refused here (field {@code creditValidity}); use {@link #packageWithoutExpiry}
     * for credits that never expire.
     */
    static PackagePurchase packagePurchase(String name, int credits, Period creditValidity, String currency,
            BigDecimal amount) {
        return new PackagePurchase(name, credits, Optional.of(Validate.notNull("creditValidity", creditValidity)),
                currency, amount);
    }

    /** A package of credits that never expire. */
    static PackagePurchase packageWithoutExpiry(String name, int credits, String currency, BigDecimal amount) {
        return new PackagePurchase(name, credits, Optional.empty(), currency, amount);
    }

    /** A reference to a booking in the host's system. */
    static BookingReference bookingReference(String bookingRef, String description, String currency,
            BigDecimal amount) {
        return new BookingReference(bookingRef, description, currency, amount);
    }

    /** A package purchase: see {@link OrderLine.PackagePurchase} for the rules. */
    record PackagePurchase(String name, int credits, Optional<Period> creditValidity, String currency,
            BigDecimal amount) implements OrderLineInput {

        @Override
        public OrderLine toLine() {
            return new OrderLine.PackagePurchase(name, credits, creditValidity, Money.of(currency, amount));
        }
    }

    /** A booking reference: see {@link OrderLine.BookingReference} for the rules. */
    record BookingReference(String bookingRef, String description, String currency, BigDecimal amount)
            implements OrderLineInput {

        @Override
        public OrderLine toLine() {
            return new OrderLine.BookingReference(bookingRef, description, Money.of(currency, amount));
        }
    }
}
