package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.UntrustedInput;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CountryCodeTest {

    private static final Set<String> ISO_CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    @Example
    void country_code_is_upper_cased_and_trimmed() {
        assertThat(CountryCode.of(" fr ").value()).isEqualTo("FR");
        assertThat(CountryCode.of("De")).isEqualTo(CountryCode.of("DE")).hasToString("DE");
    }

    @Example
    void unknown_country_code_is_refused_with_rule_iso_3166() {
        assertRefused(() -> CountryCode.of("ZZ"), "country", "iso_3166");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void codes_that_are_not_assigned_alpha_2_codes_are_refused_with_rule_iso_3166(
            @ForAll("notAlpha2") String code) {
        assertRefused(() -> CountryCode.of(code), "country", "iso_3166");
    }

    @Example
    void missing_or_blank_code_is_refused_with_rule_required() {
        assertRefused(() -> CountryCode.of(null), "country", "required");
        assertRefused(() -> CountryCode.of("  "), "country", "required");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void every_assigned_iso_3166_code_is_accepted_in_either_case(@ForAll("isoCodes") String code) {
        assertThat(CountryCode.of(code).value()).isEqualTo(code);
        assertThat(CountryCode.of(code.toLowerCase(Locale.ROOT)).value()).isEqualTo(code);
    }

    @Property
    void any_input_is_an_assigned_code_or_refused_with_a_validation_exception(@ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> CountryCode.of(raw), "country", Set.of("required", "iso_3166")).ifPresent(country -> {
            assertThat(country.value()).matches("[A-Z]{2}").isIn(ISO_CODES);
            assertThat(CountryCode.of(country.value())).isEqualTo(country);
        });
    }

    @Property
    void any_two_letters_are_accepted_exactly_when_they_are_an_assigned_code(@ForAll("twoLetters") String raw) {
        String upper = raw.toUpperCase(Locale.ROOT);

        var built = validOrRefused(() -> CountryCode.of(raw), "country", Set.of("iso_3166"));

        assertThat(built.map(CountryCode::value))
                .isEqualTo(ISO_CODES.contains(upper) ? Optional.of(upper) : Optional.empty());
    }

    @Provide
    Arbitrary<String> notAlpha2() {
        return Arbitraries.of("ZZ", "XX", "UK", "EU", "FRA", "F", "250", "F R", "FR-", "\uFF26\uFF32", "XK", "AA");
    }

    @Provide
    Arbitrary<String> isoCodes() {
        return Arbitraries.of(ISO_CODES);
    }

    @Provide
    Arbitrary<String> twoLetters() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofLength(2);
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return Arbitraries.oneOf(UntrustedInput.textOrNull(), twoLetters());
    }
}
