package io.clientele.client.service;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.PhoneNumber;
import io.clientele.common.UntrustedInput;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PhoneNumbersPropertiesTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final CountryCode FR = CountryCode.of("FR");
    private static final CountryCode US = CountryCode.of("US");
    private static final Set<String> RULES = Set.of(
            "required", "line_break", "forbidden_character", "max_length", "format", "invalid_number", "invisible",
            "lone_combining_mark");

    /** ISO 3166 countries libphonenumber has metadata for: the regions a tenant can default to. */
    private static final List<String> REGIONS = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2).stream()
            .filter(UTIL.getSupportedRegions()::contains).sorted().collect(Collectors.toList());

    /** libphonenumber's example fixed-line and mobile number of each of {@link #REGIONS}. */
    private static final List<RegionNumber> EXAMPLES = REGIONS.stream()
            .flatMap(region -> Stream.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)
                    .map(type -> UTIL.getExampleNumberForType(region, type))
                    .filter(Objects::nonNull)
                    .map(number -> new RegionNumber(region, number)))
            .collect(Collectors.toList());

    record RegionNumber(String region, Phonenumber.PhoneNumber number) {
    }

    @Example
    void national_phone_number_is_parsed_with_the_default_region() {
        assertThat(PhoneNumbers.parse("06 12 34 56 78", FR)).isEqualTo(new PhoneNumber("+33612345678"));
    }

    @Example
    void the_same_national_digits_resolve_to_the_default_region_of_the_tenant() {
        assertThat(PhoneNumbers.parse("030 1234567", CountryCode.of("DE")).e164()).isEqualTo("+49301234567");
        assertThat(PhoneNumbers.parse("(202) 555-0143", US).e164()).isEqualTo("+12025550143");
    }

    @Example
    void international_numbers_ignore_the_default_region() {
        assertThat(PhoneNumbers.parse("+44 20 7946 0018", FR).e164()).isEqualTo("+442079460018");
        assertThat(PhoneNumbers.parse("0033 6 12 34 56 78", FR).e164()).isEqualTo("+33612345678");
        assertThat(PhoneNumbers.parse("+33612345678", US).e164()).isEqualTo("+33612345678");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void spaces_dots_dashes_and_parentheses_do_not_change_the_number(@ForAll("frenchMobileSpellings") String typed) {
        assertThat(PhoneNumbers.parse(typed, FR).e164()).isEqualTo("+33612345678");
    }

    @Example
    void numbers_that_are_too_short_for_the_region_are_refused_with_rule_invalid_number() {
        assertRefused(() -> PhoneNumbers.parse("06 12", FR), "phone", "invalid_number");
        assertRefused(() -> PhoneNumbers.parse("123", FR), "phone", "invalid_number");
        assertRefused(() -> PhoneNumbers.parse("+1 202 555 01", US), "phone", "invalid_number");
    }

    @Example
    void text_that_is_not_a_phone_number_is_refused_with_rule_format() {
        assertRefused(() -> PhoneNumbers.parse("call me", FR), "phone", "format");
        assertRefused(() -> PhoneNumbers.parse("+", FR), "phone", "format");
    }

    @Example
    void missing_blank_or_overlong_input_is_refused() {
        assertRefused(() -> PhoneNumbers.parse(null, FR), "phone", "required");
        assertRefused(() -> PhoneNumbers.parse("   ", FR), "phone", "required");
        assertRefused(() -> PhoneNumbers.parse("06 12 34 56 78" + " ".repeat(20) + "00 00 00", FR),
                "phone", "max_length");
    }

    @Example
    void line_breaks_and_bidi_overrides_in_a_phone_number_are_refused() {
        assertRefused(() -> PhoneNumbers.parse("06 12 34\n56 78", FR), "phone", "line_break");
        assertRefused(() -> PhoneNumbers.parse("06 12 34\u202E56 78", FR), "phone", "forbidden_character");
        assertRefused(() -> PhoneNumbers.parse("06 12 34\u0000 56 78", FR), "phone", "forbidden_character");
    }

    @Property(tries = 500)
    void any_input_is_a_valid_e164_number_or_refused_with_a_validation_exception(
            @ForAll("anyTextOrNull") String raw, @ForAll("regions") CountryCode region) {
        validOrRefused(() -> PhoneNumbers.parse(raw, region), "phone", RULES)
                .ifPresent(PhoneNumbersPropertiesTest::assertValidE164);
    }

    @Property(tries = 500)
    void digits_with_separators_are_a_valid_e164_number_or_refused_with_a_validation_exception(
            @ForAll("digitsWithSeparators") String raw, @ForAll("regions") CountryCode region) {
        validOrRefused(() -> PhoneNumbers.parse(raw, region), "phone", RULES)
                .ifPresent(PhoneNumbersPropertiesTest::assertValidE164);
    }

    @Property(tries = 500)
    void example_numbers_of_every_region_parse_to_their_e164_form_however_they_are_written(
            @ForAll("examples") RegionNumber example, @ForAll("formats") PhoneNumberFormat format) {
        String written = UTIL.format(example.number(), format);

        PhoneNumber parsed = PhoneNumbers.parse(written, CountryCode.of(example.region()));

        assertThat(parsed.e164()).isEqualTo(UTIL.format(example.number(), PhoneNumberFormat.E164));
    }

    @Example
    void libphonenumber_has_fixed_line_and_mobile_examples_for_most_countries() {
        assertThat(EXAMPLES).hasSizeGreaterThan(400);
    }

    private static void assertValidE164(PhoneNumber phone) {
        assertThat(phone.e164()).matches("\\+[1-9][0-9]{6,14}");
        try {
            assertThat(UTIL.isValidNumber(UTIL.parse(phone.e164(), "ZZ"))).isTrue();
        } catch (NumberParseException e) {
            throw new AssertionError("E.164 output does not parse: " + phone, e);
        }
        assertThat(PhoneNumbers.parse(phone.e164(), US)).isEqualTo(phone);
        assertThat(PhoneNumbers.parse(phone.e164(), CountryCode.of("JP"))).isEqualTo(phone);
    }

    @Provide
    Arbitrary<String> frenchMobileSpellings() {
        return Arbitraries.of("0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "(06) 12 34 56 78",
                "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "0033612345678", " 06 12 34 56 78 ",
                "\uFF10\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18", "tel:+33-6-12-34-56-78");
    }

    @Provide
    Arbitrary<CountryCode> regions() {
        return Arbitraries.of(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2)).map(CountryCode::of);
    }

    @Provide
    Arbitrary<RegionNumber> examples() {
        return Arbitraries.of(EXAMPLES);
    }

    @Provide
    Arbitrary<PhoneNumberFormat> formats() {
        return Arbitraries.of(PhoneNumberFormat.class);
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }

    @Provide
    Arbitrary<String> digitsWithSeparators() {
        Arbitrary<String> group = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> separator = Arbitraries.of("", " ", ".", "-", "/", " - ");
        return Combinators.combine(Arbitraries.of("", "+", "00", "0", "+0", "(0)"), group.list().ofMinSize(1).ofMaxSize(6),
                        separator)
                .as((prefix, groups, sep) -> prefix + String.join(sep, groups));
    }
}
