package io.clientele.order.model;

import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An amount of money in one ISO 4217 currency, never negative. The amount is a {@link BigDecimal}
 * held at exactly the currency's number of minor-unit digits ({@code EUR 12.50}, {@code JPY 1200},
 * {@code BHD 1.250}), so two equal amounts are equal records and an adapter can store the pair as a
 * three-letter code and a decimal column; {@link #minorUnits()} gives the integer form payment
 * providers use. Amounts are exact: a value with more decimals than the currency has is refused,
 * never rounded. Amounts stay below a trillion (10^{@value #MAX_INTEGER_DIGITS}) major units.
 *
 * <p>Validation: field {@code currency}, rules {@code format} (not three letters) and {@code
 * iso_4217} (not an ISO 4217 currency with minor units: unknown codes, gold {@code XAU}, {@code
 * XXX}); field {@code amount}, rules {@code not_negative}, {@code scale} and {@code range}.
 *
 * <p>Immutable and thread-safe.
 */
public record Money(Currency currency, BigDecimal amount) {

    /** Amounts stay below 10 to this power, in major units (a trillion). */
    public static final int MAX_INTEGER_DIGITS = 12;

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(MAX_INTEGER_DIGITS);
    private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");

    public Money {
        Validate.notNull("currency", currency);
        Validate.notNull("amount", amount);
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new ValidationException("currency", "iso_4217", "not a currency with minor units");
        }
        if (amount.signum() < 0) {
            throw new ValidationException("amount", "not_negative", "an amount cannot be negative");
        }
        // range before scale: the checks on an absurd exponent stay cheap in this order
        if (amount.compareTo(LIMIT) >= 0) {
            throw new ValidationException("amount", "range", "below 10^" + MAX_INTEGER_DIGITS);
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw new ValidationException("amount", "scale",
                    "at most " + digits + " decimals in " + currency.getCurrencyCode());
        }
        amount = stripped.setScale(digits, RoundingMode.UNNECESSARY);
    }

    /**
     * The amount in the currency with this ISO 4217 alphabetic code (upper or lower case, for
     * example {@code "EUR"}).
     */
    public static Money of(String currencyCode, BigDecimal amount) {
        return new Money(currency(currencyCode), amount);
    }

    /** The amount given in minor units, for example 1250 for {@code EUR 12.50}. */
    public static Money ofMinor(Currency currency, long minorUnits) {
        Validate.notNull("currency", currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        return new Money(currency, BigDecimal.valueOf(minorUnits, digits));
    }

    /** Nothing, in this currency. */
    public static Money zero(Currency currency) {
        return new Money(currency, BigDecimal.ZERO);
    }

    /** The currency with this ISO 4217 alphabetic code; rules {@code format} and {@code iso_4217}. */
    public static Currency currency(String code) {
        Validate.notNull("currency", code);
        if (!CODE.matcher(code).matches()) {
            throw new ValidationException("currency", "format", "an ISO 4217 code of three letters");
        }
        try {
            return Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("currency", "iso_4217", "not an ISO 4217 currency");
        }
    }

    /** The sum; both amounts must be in the same currency (field {@code currency}, rule {@code currency_mismatch}). */
    public Money plus(Money other) {
        Validate.notNull("amount", other);
        if (!currency.equals(other.currency)) {
            throw new ValidationException("currency", "currency_mismatch",
                    "cannot add " + other.currency.getCurrencyCode() + " to " + currency.getCurrencyCode());
        }
        return new Money(currency, amount.add(other.amount));
    }

    /** The amount in minor units, for example 1250 for {@code EUR 12.50}. */
    public long minorUnits() {
        return amount.unscaledValue().longValueExact();
    }

    /** For example {@code EUR 12.50}. */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }
}
