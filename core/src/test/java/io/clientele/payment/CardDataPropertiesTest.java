package io.clientele.payment;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ValidationException;
import io.clientele.payment.model.CardData;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.model.PaymentMethodKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Card numbers and security codes never get in, however they are typed and wherever they are
 * pasted; numbers that are not card numbers do.
 */
class CardDataPropertiesTest {

    /** A value carrying card data, and the field it is put in. */
    record Pasted(String field, String value) {
    }

    private final PaymentKit kit = new PaymentKit();
    private final Client ana = kit.client("Ana");

    @Property(tries = 500)
    void any_luhn_valid_number_of_13_to_19_digits_typed_with_spaces_or_dashes_is_refused_in_brand_or_provider_ref(
            @ForAll("pastedCardNumbers") Pasted pasted) {
        assertRefused(pasted, CardData.CARD_NUMBER_NOT_ALLOWED);
    }

    @Property(tries = 300)
    void a_security_code_after_its_label_is_refused_in_brand_or_provider_ref(@ForAll("pastedCvcs") Pasted pasted) {
        assertRefused(pasted, CardData.CVC_NOT_ALLOWED);
    }

    @Property(tries = 300)
    void a_number_of_12_to_19_digits_failing_the_luhn_check_is_accepted(@ForAll("luhnInvalidNumbers") String number) {
        String providerRef = "ref_" + number;

        PaymentMethodInput input = new PaymentMethodInput(PaymentMethodKind.OTHER, "", "0042", Optional.empty(),
                providerRef);

        assertThat(input.providerRef()).isEqualTo(providerRef);
    }

    @Property(tries = 300)
    void the_luhn_check_accepts_exactly_one_check_digit_per_number(@ForAll("digitBodies") String body) {
        long valid = "0123456789".chars().filter(d -> CardData.luhnValid(body + (char) d)).count();

        assertThat(valid).isEqualTo(1);
        assertThat(CardData.luhnValid(body + checkDigit(body))).isTrue();
    }

    private void assertRefused(Pasted pasted, String rule) {
        boolean inBrand = pasted.field().equals("brand");
        assertThatThrownBy(() -> kit.payments.add(OWNER, TENANT, ana.id(), new PaymentMethodInput(
                PaymentMethodKind.CARD, inBrand ? pasted.value() : "Visa", "4242", Optional.empty(),
                inBrand ? "pm_1OqYzJ2eZvKYlo2C" : pasted.value())))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(pasted.field());
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.getMessage()).doesNotContain(pasted.value());
                });
        assertThat(kit.store.contents()).isEmpty();
        assertThat(kit.gateway.calls()).isEmpty();
    }

    @Provide
    Arbitrary<Pasted> pastedCardNumbers() {
        Arbitrary<String> formatted = Arbitraries.integers().between(13, 19)
                .flatMap(length -> Arbitraries.strings().withCharRange('0', '9').ofLength(length - 1))
                .map(body -> body + checkDigit(body))
                .flatMap(number -> Arbitraries.of("", "", "", " ", "-", " - ", "  ", "\u00A0", "\u2013")
                        .list().ofSize(number.length() - 1)
                        .map(gaps -> interleave(number, gaps)));
        return Combinators.combine(fields(), surrounding(), formatted, surrounding())
                .as((field, before, number, after) -> new Pasted(field, before + number + after));
    }

    @Provide
    Arbitrary<Pasted> pastedCvcs() {
        Arbitrary<String> label = Arbitraries.of("cvc", "cvv", "cvc2", "cvv2", "cav2", "cvn", "csc", "cvd",
                "security code", "card verification value");
        Arbitrary<Boolean> upper = Arbitraries.of(true, false);
        Arbitrary<String> between = Arbitraries.of("", " ", "=", ":", ": ", " = ", "-", "_", "#", "='");
        Arbitrary<String> code = Arbitraries.strings().withCharRange('0', '9').ofMinLength(3).ofMaxLength(4);
        Arbitrary<String> labelled = Combinators.combine(label, upper, between, code)
                .as((l, up, gap, digits) -> (up ? l.toUpperCase(Locale.ROOT) : l) + gap + digits);
        Arbitrary<String> before = Arbitraries.of("", "pm_", "tok ", "ref-", "Visa ", "x; ");
        Arbitrary<String> after = Arbitraries.of("", " ", "_x", ";exp=12/30", " ok");
        return Combinators.combine(fields(), before, labelled, after)
                .as((field, b, l, a) -> new Pasted(field, b + l + a));
    }

    @Provide
    Arbitrary<String> luhnInvalidNumbers() {
        return Arbitraries.integers().between(12, 19)
                .flatMap(length -> Arbitraries.strings().withCharRange('0', '9').ofLength(length - 1))
                .flatMap(body -> Arbitraries.integers().between(1, 9)
                        .map(offset -> body + (char) ('0' + (checkDigit(body) - '0' + offset) % 10)));
    }

    @Provide
    Arbitrary<String> digitBodies() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(25);
    }

    private static Arbitrary<String> fields() {
        return Arbitraries.of("brand", "providerRef");
    }

    /** Text around the number that neither adds digits nor joins it to other digits. */
    private static Arbitrary<String> surrounding() {
        return Arbitraries.strings().withChars("abcXYZ_:=/#.,;() -").ofMaxLength(8);
    }

    private static String interleave(String number, List<String> gaps) {
        StringBuilder out = new StringBuilder().append(number.charAt(0));
        for (int i = 1; i < number.length(); i++) {
            out.append(gaps.get(i - 1)).append(number.charAt(i));
        }
        return out.toString();
    }

    /** The Luhn check digit that completes {@code body}. */
    static char checkDigit(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
