package io.clientele.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.client.service.PhoneNumbers;
import io.clientele.common.DisplayName;
import io.clientele.common.ValidationException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Regressions found by the property tests, one test per bug. */
class ValueObjectRegressionTest {

    @Test
    void email_that_lower_cases_to_more_than_254_characters_is_refused() {
        String label = "\u0130".repeat(31);
        String raw = "\u0130".repeat(32) + "@" + String.join(".", label, label, label, label, label, label) + ".com";

        ValidationException e = catchThrowableOfType(() -> EmailAddress.of(raw), ValidationException.class);

        assertThat(e.field()).isEqualTo("email");
        assertThat(e.rule()).isEqualTo("max_length");
    }

    @Test
    void language_tag_variants_are_canonical_lower_case_in_every_spelling() {
        assertThat(LanguageTag.of("ca-ES-VALENCIA")).isEqualTo(LanguageTag.of("ca-es-valencia"));
        assertThat(LanguageTag.of("SL-ROZAJ").value()).isEqualTo("sl-rozaj");
    }

    @Test
    void short_numbers_libphonenumber_calls_valid_are_accepted() {
        assertThat(PhoneNumbers.parse("+43 1119", CountryCode.of("AT")).e164()).isEqualTo("+431119");
    }

    @Test
    void a_phone_extension_is_refused_rather_than_dropped() {
        ValidationException e = catchThrowableOfType(
                () -> PhoneNumbers.parse("+33 6 12 34 56 78 ext. 12", CountryCode.of("FR")), ValidationException.class);

        assertThat(e.rule()).isEqualTo("extension");
    }

    @Test
    void non_ascii_letters_that_upper_case_to_ascii_are_not_country_codes_or_pass_numbers() {
        assertThat(catchThrowableOfType(() -> CountryCode.of("\u0131t"), ValidationException.class).rule())
                .isEqualTo("iso_3166");
        assertThat(catchThrowableOfType(() -> PassNumber.of("\u017F1\uFB01"), ValidationException.class).rule())
                .isEqualTo("format");
    }

    @Test
    void an_over_long_pass_number_is_refused_with_rule_max_length() {
        assertThat(catchThrowableOfType(() -> PassNumber.of("X".repeat(65)), ValidationException.class).rule())
                .isEqualTo("max_length");
    }

    @Test
    void a_no_break_space_does_not_make_a_different_name() {
        assertThat(new DisplayName("VIP\u00A0").key()).isEqualTo(new DisplayName("VIP").key());
        assertThat(new PersonName("Ana\u202F", "L\u00F3pez").firstName()).isEqualTo("Ana");
        assertThat(catchThrowableOfType(() -> new DisplayName("\u00A0"), ValidationException.class).rule())
                .isEqualTo("required");
    }

    @Test
    void a_leading_or_trailing_line_break_is_refused_not_trimmed() {
        assertThat(catchThrowableOfType(() -> new DisplayName("VIP\n"), ValidationException.class).rule())
                .isEqualTo("line_break");
        assertThat(catchThrowableOfType(() -> new DisplayName("\u2028VIP"), ValidationException.class).rule())
                .isEqualTo("line_break");
    }

    @Test
    void birth_date_at_the_edge_of_the_calendar_is_a_validation_result_not_a_crash() {
        assertThat(BirthDate.of(LocalDate.MIN, LocalDate.MIN).value()).isEqualTo(LocalDate.MIN);
        assertThat(catchThrowableOfType(() -> BirthDate.of(LocalDate.MIN, LocalDate.of(2026, 1, 1)),
                ValidationException.class).rule()).isEqualTo("plausible");
    }
}
