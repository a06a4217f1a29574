package io.clientele.payment;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.model.PaymentMethodKind;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field rules of a saved payment method, and the refusal of card numbers and CVCs wherever they
 * are pasted: the field and rule are named, and nothing is stored or sent to the provider.
 */
class PaymentValidationTest {

    private final PaymentKit kit = new PaymentKit();
    private final Client ana = kit.client("Ana");

    /** A valid card, changed by one test case. */
    static final class Draft {
        PaymentMethodKind kind = PaymentMethodKind.CARD;
        String brand = "Mastercard";
        String last4 = "4444";
        Optional<YearMonth> expiry = Optional.of(YearMonth.of(2030, 1));
        String providerRef = "pm_1OqYzJ2eZvKYlo2C";

        PaymentMethodInput input() {
            return new PaymentMethodInput(kind, brand, last4, expiry, providerRef);
        }
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("kind", "required", d -> d.kind = null),
                broken("brand", "required", d -> d.brand = null),
                broken("brand", "max_length", d -> d.brand = "B".repeat(41)),
                broken("brand", "line_break", d -> d.brand = "Visa\nDebit"),
                broken("last4", "format", d -> d.last4 = "444"),
                broken("last4", "format", d -> d.last4 = "44a4"),
                broken("last4", "format", d -> d.last4 = "\u0664\u0664\u0664\u0664"),
                broken("last4", "max_length", d -> d.last4 = "44444"),
                broken("last4", "required", d -> d.last4 = null),
                broken("expiry", "required", d -> d.expiry = null),
                broken("expiry", "range", d -> d.expiry = Optional.of(YearMonth.of(1999, 12))),
                broken("expiry", "range", d -> d.expiry = Optional.of(YearMonth.of(2101, 1))),
                broken("providerRef", "required", d -> d.providerRef = "  "),
                broken("providerRef", "max_length", d -> d.providerRef = "p".repeat(201)),
                broken("providerRef", "forbidden_character", d -> d.providerRef = "pm_\u0000x"),
                // card numbers (Luhn-valid test numbers of the major networks)
                broken("providerRef", "card_number_not_allowed", d -> d.providerRef = "4111111111111111"),
                broken("providerRef", "card_number_not_allowed", d -> d.providerRef = "pm_4242424242424242_x"),
                broken("providerRef", "card_number_not_allowed", d -> d.providerRef = "card 5555-5555-5555-4444"),
                broken("providerRef", "card_number_not_allowed", d -> d.providerRef = "3782 822463 10005"),
                broken("providerRef", "card_number_not_allowed", d -> d.providerRef = "4111 1111 1111 1111 123"),
                broken("providerRef", "card_number_not_allowed",
                        d -> d.providerRef = "\uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11"
                                + "\uFF11\uFF11\uFF11\uFF11\uFF11"),
                broken("brand", "card_number_not_allowed", d -> d.brand = "Visa 4012 8888 8888 1881"),
                broken("brand", "card_number_not_allowed", d -> d.brand = "6011 1111 1111 1117 is my card, Discover"),
                broken("last4", "card_number_not_allowed", d -> d.last4 = "4242424242424242"),
                broken("last4", "card_number_not_allowed", d -> d.last4 = "5555 5555 5555 4444"),
                // security codes
                broken("providerRef", "cvc_not_allowed", d -> d.providerRef = "pm_123 cvc=123"),
                broken("providerRef", "cvc_not_allowed", d -> d.providerRef = "cvv:1234"),
                broken("providerRef", "cvc_not_allowed", d -> d.providerRef = "tok_9 CVV2 = 987"),
                broken("providerRef", "cvc_not_allowed", d -> d.providerRef = "ref_cvc_042"),
                broken("providerRef", "cvc_not_allowed", d -> d.providerRef = "Security code: 321"),
                broken("brand", "cvc_not_allowed", d -> d.brand = "Visa CVC 123"),
                broken("brand", "cvc_not_allowed", d -> d.brand = "Amex csc#4321"),
                // card data is named before any other rule the value breaks
                broken("brand", "card_number_not_allowed",
                        d -> d.brand = "A very long brand name with 4111-1111-1111-1111 inside it"));
    }

    @ParameterizedTest(name = "{0} {1}: {index}")
    @MethodSource("brokenRules")
    void a_broken_rule_names_the_field_and_rule_and_stores_nothing(String field, String rule,
            Consumer<Draft> breakIt) {
        Draft draft = new Draft();
        breakIt.accept(draft);

        kit.assertRefused(field, rule, () -> kit.payments.add(OWNER, TENANT, ana.id(), draft.input()));
        assertThat(kit.gateway.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pm_1OqYzJ2eZvKYlo2C",
        "src_2024-01-15_0042",
        "4111111111111112",
        "ref 12345678901",
        "12345678901234567890123",
        "550e8400-e29b-41d4-a716-446655440000",
        "cus_cvc",
        "cvcx=123",
        "CVC code pending",
        "secvcode=123",
        "cvc=12345"})
    void provider_references_without_card_data_are_accepted(String providerRef) {
        PaymentMethod saved = kit.payments.add(OWNER, TENANT, ana.id(),
                PaymentMethodInput.of(PaymentMethodKind.OTHER, "", "0042", providerRef));

        assertThat(saved.providerRef()).isEqualTo(providerRef);
    }

    @Test
    void an_empty_brand_and_no_expiry_are_fine_for_a_mandate() {
        PaymentMethod mandate = kit.payments.add(OWNER, TENANT, ana.id(),
                PaymentMethodInput.of(PaymentMethodKind.SEPA_DEBIT, " ", "3000", "src_mandate"));

        assertThat(mandate.brand()).isEmpty();
        assertThat(mandate.expiry()).isEmpty();
    }

    private static Arguments broken(String field, String rule, Consumer<Draft> breakIt) {
        return Arguments.of(field, rule, breakIt);
    }
}
