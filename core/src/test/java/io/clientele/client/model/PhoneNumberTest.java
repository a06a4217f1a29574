package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.UntrustedInput;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PhoneNumberTest {

    @Example
    void canonical_e164_number_is_accepted_unchanged() {
        PhoneNumber phone = new PhoneNumber("+33612345678");

        assertThat(phone.e164()).isEqualTo("+33612345678");
        assertThat(phone).hasToString("+33612345678");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void anything_but_canonical_e164_is_refused_with_rule_format(@ForAll("notE164") String notE164) {
        assertRefused(() -> new PhoneNumber(notE164), "phone", "format");
    }

    @Example
    void missing_number_is_refused_with_rule_required() {
        assertRefused(() -> new PhoneNumber(null), "phone", "required");
    }

    @Property
    void any_input_is_an_e164_number_or_refused_with_a_validation_exception(@ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> new PhoneNumber(raw), "phone", Set.of("required", "format"))
                .ifPresent(phone -> assertThat(phone.e164()).matches("\\+[1-9][0-9]{1,14}"));
    }

    @Property
    void plus_and_2_to_15_digits_not_starting_with_0_are_accepted(@ForAll("e164") String e164) {
        assertThat(new PhoneNumber(e164).e164()).isEqualTo(e164);
    }

    @Provide
    Arbitrary<String> notE164() {
        return Arbitraries.of("", "0612345678", "33612345678", "+33 6 12 34 56 78", "+33-612345678",
                "+0612345678", "+1", "+1234567890123456", " +33612345678", "+33612345678 ",
                "++33612345678", "+\uFF13\uFF13612345678", "+\u0663\u0663612345678", "tel:+33612345678",
                "+33612345678\n", "+3361234567\u202E8");
    }

    @Provide
    Arbitrary<String> e164() {
        return Combinators.combine(Arbitraries.integers().between(1, 9),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(14))
                .as((first, rest) -> "+" + first + rest);
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return Arbitraries.oneOf(UntrustedInput.textOrNull(),
                Arbitraries.strings().withChars("+0123456789 ").ofMaxLength(20));
    }
}
