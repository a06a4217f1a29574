package io.clientele.order.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import java.math.BigDecimal;
import java.util.Currency;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void an_amount_is_held_at_the_currencys_scale_so_equal_amounts_are_equal() {
        assertThat(Money.of("EUR", new BigDecimal("12.5"))).isEqualTo(Money.of("EUR", new BigDecimal("12.500")));
        assertThat(Money.of("EUR", new BigDecimal("12.5")).amount()).isEqualByComparingTo("12.50")
                .hasToString("12.50");
        assertThat(Money.of("JPY", new BigDecimal("1200.00")).amount()).hasToString("1200");
        assertThat(Money.of("BHD", new BigDecimal("1.25")).amount()).hasToString("1.250");
        assertThat(Money.of("EUR", new BigDecimal("1E+2")).amount()).hasToString("100.00");
    }

    @Test
    void a_lower_case_code_names_the_same_currency() {
        assertThat(Money.of("eur", BigDecimal.TEN)).isEqualTo(Money.of("EUR", BigDecimal.TEN));
    }

    @Test
    void zero_is_an_amount_and_a_negative_one_is_refused() {
        assertThat(Money.zero(EUR).amount()).isEqualByComparingTo("0");
        assertRefused(() -> Money.of("EUR", new BigDecimal("-0.01")), "amount", "not_negative");
        assertRefused(() -> Money.ofMinor(EUR, -1), "amount", "not_negative");
    }

    @Test
    void an_amount_finer_than_the_currencys_minor_unit_is_refused_not_rounded() {
        assertRefused(() -> Money.of("EUR", new BigDecimal("1.005")), "amount", "scale");
        assertRefused(() -> Money.of("JPY", new BigDecimal("100.5")), "amount", "scale");
        assertRefused(() -> Money.of("EUR", new BigDecimal("1E-1000000")), "amount", "scale");
    }

    @Test
    void an_amount_of_a_trillion_or_more_is_refused() {
        assertThat(Money.of("EUR", new BigDecimal("999999999999.99")).minorUnits()).isEqualTo(99999999999999L);
        assertRefused(() -> Money.of("EUR", new BigDecimal("1000000000000")), "amount", "range");
        assertRefused(() -> Money.of("EUR", new BigDecimal("1E+1000000")), "amount", "range");
    }

    @Test
    void a_currency_is_a_known_iso_4217_code_with_minor_units() {
        assertRefused(() -> Money.of("EURO", BigDecimal.ONE), "currency", "format");
        assertRefused(() -> Money.of("E1R", BigDecimal.ONE), "currency", "format");
        assertRefused(() -> Money.of("", BigDecimal.ONE), "currency", "format");
        assertRefused(() -> Money.of(" EUR", BigDecimal.ONE), "currency", "format");
        assertRefused(() -> Money.of("ZZZ", BigDecimal.ONE), "currency", "iso_4217");
        assertRefused(() -> Money.of("XAU", BigDecimal.ONE), "currency", "iso_4217");
        assertRefused(() -> Money.of("XXX", BigDecimal.ONE), "currency", "iso_4217");
        assertRefused(() -> Money.of(null, BigDecimal.ONE), "currency", "required");
        assertRefused(() -> Money.of("EUR", null), "amount", "required");
    }

    @Test
    void minor_units_are_the_amount_without_its_decimal_point() {
        assertThat(Money.of("EUR", new BigDecimal("12.50")).minorUnits()).isEqualTo(1250);
        assertThat(Money.of("JPY", new BigDecimal("1200")).minorUnits()).isEqualTo(1200);
        assertThat(Money.ofMinor(Currency.getInstance("BHD"), 1250)).isEqualTo(Money.of("BHD", new BigDecimal("1.25")));
    }

    @Test
    void only_amounts_in_one_currency_add_up() {
        assertThat(Money.of("EUR", new BigDecimal("0.10")).plus(Money.of("EUR", new BigDecimal("0.20"))))
                .isEqualTo(Money.of("EUR", new BigDecimal("0.30")));
        assertRefused(() -> Money.of("EUR", BigDecimal.ONE).plus(Money.of("USD", BigDecimal.ONE)), "currency",
                "currency_mismatch");
    }

    @Test
    void the_text_form_is_code_and_plain_amount() {
        assertThat(Money.of("EUR", new BigDecimal("1E+3"))).hasToString("EUR 1000.00");
    }

    private static void assertRefused(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
    }
}
