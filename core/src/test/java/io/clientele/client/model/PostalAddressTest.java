package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.length;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.Text;
import io.clientele.common.UntrustedInput;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PostalAddressTest {

    private static final CountryCode FR = CountryCode.of("FR");
    private static final Set<String> FIELDS = Set.of("address.line1", "address.line2", "address.postalCode",
            "address.city", "address.region", "address.country");
    private static final Set<String> RULES =
            Set.of("required", "line_break", "forbidden_character", "max_length", "invisible",
                    "lone_combining_mark");

    @Example
    void address_without_second_line_and_region_is_built_from_plain_strings() {
        PostalAddress address = PostalAddress.of("12 rue de la Paix", "75002", "Paris", "fr");

        assertThat(address.line1()).isEqualTo("12 rue de la Paix");
        assertThat(address.line2()).isEmpty();
        assertThat(address.postalCode()).isEqualTo("75002");
        assertThat(address.city()).isEqualTo("Paris");
        assertThat(address.region()).isEmpty();
        assertThat(address.country()).isEqualTo(FR);
    }

    @Example
    void every_part_is_trimmed_and_normalized_to_nfc() {
        PostalAddress address = new PostalAddress("  12 rue de la Gare ", Optional.of(" B\u00E2timent B "),
                " 69001 ", " Lyon\u3000", Optional.of(" Auvergne-Rho\u0302ne-Alpes "), FR);

        assertThat(address.line1()).isEqualTo("12 rue de la Gare");
        assertThat(address.line2()).contains("B\u00E2timent B");
        assertThat(address.postalCode()).isEqualTo("69001");
        assertThat(address.city()).isEqualTo("Lyon");
        assertThat(address.region()).contains("Auvergne-Rh\u00F4ne-Alpes");
    }

    @Example
    void blank_second_line_and_region_become_absent() {
        PostalAddress address = new PostalAddress("1 Main St", Optional.of("   "), "10001", "New York",
                Optional.of(""), CountryCode.of("US"));

        assertThat(address.line2()).isEmpty();
        assertThat(address.region()).isEmpty();
    }

    @Example
    void an_empty_postal_code_is_allowed_for_countries_without_one() {
        assertThat(PostalAddress.of("Main Street 1", " ", "Dublin", "IE").postalCode()).isEmpty();
    }

    @Example
    void missing_required_parts_are_refused_with_rule_required_on_their_field() {
        assertRefused(() -> address(" ", "75002", "Paris"), "address.line1", "required");
        assertRefused(() -> address("12 rue de la Paix", "75002", ""), "address.city", "required");
        assertRefused(() -> address("12 rue de la Paix", null, "Paris"), "address.postalCode", "required");
        assertRefused(() -> new PostalAddress("12 rue de la Paix", null, "75002", "Paris", Optional.empty(), FR),
                "address.line2", "required");
        assertRefused(() -> new PostalAddress("12 rue de la Paix", Optional.empty(), "75002", "Paris", null, FR),
                "address.region", "required");
        assertRefused(() -> new PostalAddress("12 rue de la Paix", Optional.empty(), "75002", "Paris",
                Optional.empty(), null), "address.country", "required");
    }

    @Example
    void parts_at_their_limit_are_accepted_and_one_more_character_is_refused_with_rule_max_length() {
        assertThat(address("a".repeat(200), "1".repeat(20), "c".repeat(100)).line1()).hasSize(200);

        assertRefused(() -> address("a".repeat(201), "75002", "Paris"), "address.line1", "max_length");
        assertRefused(() -> address("12 rue de la Paix", "1".repeat(21), "Paris"), "address.postalCode", "max_length");
        assertRefused(() -> address("12 rue de la Paix", "75002", "c".repeat(101)), "address.city", "max_length");
        assertRefused(() -> new PostalAddress("12 rue de la Paix", Optional.of("b".repeat(201)), "75002", "Paris",
                Optional.empty(), FR), "address.line2", "max_length");
        assertRefused(() -> new PostalAddress("12 rue de la Paix", Optional.empty(), "75002", "Paris",
                Optional.of("r".repeat(101)), FR), "address.region", "max_length");
    }

    @Example
    void an_unknown_country_is_refused_with_rule_iso_3166() {
        assertRefused(() -> PostalAddress.of("12 rue de la Paix", "75002", "Paris", "ZZ"), "country", "iso_3166");
    }

    @Example
    void a_line_break_inside_a_part_is_refused_with_rule_line_break() {
        assertRefused(() -> address("12 rue de la Paix\r\nBP 42", "75002", "Paris"), "address.line1", "line_break");
        assertRefused(() -> address("12 rue de la Paix", "75002", "Paris\u2028Cedex"), "address.city", "line_break");
    }

    @Example
    void a_bidi_override_inside_a_part_is_refused_with_rule_forbidden_character() {
        assertRefused(() -> address("12 rue \u202Exiap al ed", "75002", "Paris"), "address.line1", "forbidden_character");
        assertRefused(() -> address("12 rue de la Paix", "750\u206602", "Paris"), "address.postalCode",
                "forbidden_character");
    }

    @Property(tries = 500)
    void any_input_builds_an_address_or_is_refused_with_a_validation_exception(
            @ForAll("anyTextOrNull") String line1, @ForAll("optionalText") Optional<String> line2,
            @ForAll("anyTextOrNull") String postalCode, @ForAll("anyTextOrNull") String city,
            @ForAll("optionalText") Optional<String> region, @ForAll("countries") CountryCode country) {
        validOrRefused(() -> new PostalAddress(line1, line2, postalCode, city, region, country), FIELDS, RULES)
                .ifPresent(address -> {
                    assertSingleLine(address.line1(), 1, 200);
                    address.line2().ifPresent(v -> assertSingleLine(v, 1, 200));
                    assertSingleLine(address.postalCode(), 0, 20);
                    assertSingleLine(address.city(), 1, 100);
                    address.region().ifPresent(v -> assertSingleLine(v, 1, 100));
                    assertThat(new PostalAddress(address.line1(), address.line2(), address.postalCode(),
                            address.city(), address.region(), address.country())).isEqualTo(address);
                });
    }

    private static void assertSingleLine(String value, int minLength, int maxLength) {
        assertThat(value).isEqualTo(value.strip());
        assertThat(length(value)).isBetween(minLength, maxLength);
        assertThat(value.codePoints()).noneMatch(Text::isLineBreak).noneMatch(Character::isISOControl);
        assertThat(Text.singleLine("part", value, maxLength)).isEqualTo(value);
    }

    private static PostalAddress address(String line1, String postalCode, String city) {
        return new PostalAddress(line1, Optional.empty(), postalCode, city, Optional.empty(), FR);
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return Arbitraries.oneOf(UntrustedInput.textOrNull(), Arbitraries.of("12 rue de la Paix", "75002", "Paris"));
    }

    @Provide
    Arbitrary<Optional<String>> optionalText() {
        return UntrustedInput.text().optional().injectNull(0.02);
    }

    @Provide
    Arbitrary<CountryCode> countries() {
        return Arbitraries.of("FR", "DE", "US", "JP", "BR").map(CountryCode::of).injectNull(0.02);
    }
}
