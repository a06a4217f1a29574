package io.clientele.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Money is exact: minor units round-trip and sums never lose a cent. */
class MoneyPropertiesTest {

    @Property
    void minor_units_round_trip(@ForAll("currencies") Currency currency,
            @ForAll @LongRange(min = 0, max = 99_999_999_999L) long minor) {
        Money money = Money.ofMinor(currency, minor);

        assertThat(money.minorUnits()).isEqualTo(minor);
        assertThat(Money.of(currency.getCurrencyCode(), money.amount())).isEqualTo(money);
        assertThat(money.amount().scale()).isEqualTo(currency.getDefaultFractionDigits());
    }

    @Property
    void the_sum_of_amounts_is_the_sum_of_their_minor_units(@ForAll("currencies") Currency currency,
            @ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 1_000_000_000L) Long> minors) {
        Money sum = Money.zero(currency);
        long expected = 0;
        for (long minor : minors) {
            sum = sum.plus(Money.ofMinor(currency, minor));
            expected += minor;
        }

        assertThat(sum.minorUnits()).isEqualTo(expected);
        assertThat(sum.amount()).isEqualByComparingTo(BigDecimal.valueOf(expected,
                currency.getDefaultFractionDigits()));
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of(Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0).toList());
    }
}
