package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.UntrustedInput;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PassNumberTest {

    private static final Set<String> RULES =
            Set.of("required", "line_break", "forbidden_character", "max_length", "format", "invisible",
                    "lone_combining_mark");

    @Example
    void pass_number_is_upper_cased_with_spaces_removed() {
        PassNumber pass = PassNumber.of(" ab 12-x_9 ");

        assertThat(pass.value()).isEqualTo("AB12-X_9");
        assertThat(pass).isEqualTo(PassNumber.of("AB12-X_9")).hasToString("AB12-X_9");
    }

    @Example
    void pass_number_of_64_characters_is_accepted() {
        assertThat(PassNumber.of("a".repeat(64)).value()).isEqualTo("A".repeat(64));
    }

    @Example
    void spaces_do_not_count_towards_the_64_characters() {
        assertThat(PassNumber.of("ABCD ".repeat(16)).value()).isEqualTo("ABCD".repeat(16));
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void characters_other_than_letters_digits_hyphen_and_underscore_are_refused_with_rule_format(
            @ForAll("badNumbers") String bad) {
        assertRefused(() -> PassNumber.of(bad), "passNumber", "format");
    }

    @Example
    void missing_or_blank_pass_number_is_refused_with_rule_required() {
        assertRefused(() -> PassNumber.of(null), "passNumber", "required");
        assertRefused(() -> PassNumber.of("   "), "passNumber", "required");
    }

    @Example
    void input_longer_than_128_characters_is_refused_with_rule_max_length() {
        assertRefused(() -> PassNumber.of("A".repeat(129)), "passNumber", "max_length");
    }

    @Example
    void a_line_break_or_bidi_override_inside_a_pass_number_is_refused() {
        assertRefused(() -> PassNumber.of("AB\n12"), "passNumber", "line_break");
        assertRefused(() -> PassNumber.of("AB\u202E12"), "passNumber", "forbidden_character");
    }

    @Property
    void any_input_is_a_pass_number_or_refused_with_a_validation_exception(@ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> PassNumber.of(raw), "passNumber", RULES).ifPresent(pass -> {
            assertThat(pass.value()).matches("[A-Z0-9_-]{1,64}");
            assertThat(PassNumber.of(pass.value())).isEqualTo(pass);
        });
    }

    /** For ASCII input the outcome is fully predictable from the documented rules. */
    @Property
    void ascii_pass_numbers_are_accepted_exactly_when_the_documented_rules_allow(@ForAll("asciiNumbers") String raw) {
        String stripped = raw.strip();
        String expected = stripped.replace(" ", "").toUpperCase(Locale.ROOT);

        var built = validOrRefused(() -> PassNumber.of(raw), "passNumber", RULES);

        if (stripped.isEmpty()) {
            assertRefused(() -> PassNumber.of(raw), "passNumber", "required");
        } else if (stripped.length() > 128) {
            assertRefused(() -> PassNumber.of(raw), "passNumber", "max_length");
        } else if (expected.matches("[A-Z0-9_-]{1,64}")) {
            assertThat(built).map(PassNumber::value).contains(expected);
        } else if (expected.matches("[A-Z0-9_-]+")) {
            assertThat(built).isEmpty();
        } else {
            assertRefused(() -> PassNumber.of(raw), "passNumber", "format");
        }
    }

    @Provide
    Arbitrary<String> badNumbers() {
        return Arbitraries.of("AB#12", "AB.12", "AB/12", "\u00C4B12", "AB\u00A012", "AB\uFF11\uFF12", "AB+12",
                "\u0410\u0412", "AB 12 #");
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }

    @Provide
    Arbitrary<String> asciiNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ0189-_ ").ofMaxLength(140),
                Arbitraries.strings().withChars("abcXYZ0189-_ #.").ofMaxLength(20));
    }
}
