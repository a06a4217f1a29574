package io.clientele.client.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintDeclarationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The constraints on a host's own DTO, checked by a real Hibernate Validator: they accept what the
 * value objects accept, refuse the rest with one violation whose template names the broken rule,
 * and let {@code null} through.
 */
class ConstraintsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    /** A host's sign-up form. */
    record SignUpForm(
            @ClientEmail String email,
            @PersonNamePart String firstName,
            @PhoneNumber String phone,
            @PhoneNumber(region = "FR") String frenchPhone,
            @CountryCode String country,
            @LanguageTag String language,
            @PassNumber String pass) {
    }

    record CustomMessageForm(@ClientEmail(message = "Please check the email address") String email) {
    }

    record InviteForm(List<@ClientEmail String> emails) {
    }

    record MisconfiguredForm(@PhoneNumber(region = "XX") String phone) {
    }

    private static final Map<String, String> VALID = Map.of(
            "email", "Ana.Lopez@Example.com",
            "firstName", "Ana",
            "phone", "+33 6 12 34 56 78",
            "frenchPhone", "06 12 34 56 78",
            "country", "FR",
            "language", "pt-BR",
            "pass", "AB-1234");

    @BeforeAll
    static void startValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void a_form_of_valid_values_has_no_violation() {
        assertThat(validator.validate(form(VALID))).isEmpty();
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            email       | ana@example.com
            email       | élodie.ünal@exämple.fr
            email       | o'brien+studio@mail.example.co.uk
            firstName   | Jean-Luc
            firstName   | O’Brien
            firstName   | Zoë
            firstName   | 李
            firstName   | ' Anne  Marie '
            phone       | +1 202 555 0143
            phone       | +44 20 7946 0958
            phone       | (+33) 6 12 34 56 78
            phone       | +800 1234 5678
            frenchPhone | 0612345678
            frenchPhone | 0033 6 12 34 56 78
            frenchPhone | +49 30 901820
            country     | de
            country     | ' FR '
            language    | fr
            language    | zh-Hant-TW
            pass        | card_7
            pass        | ab 12 cd
            """)
    void values_the_value_objects_accept_pass(String property, String value) {
        assertThat(validator.validate(formWith(property, value))).isEmpty();
    }

    @Test
    void null_values_pass_as_for_the_built_in_constraints() {
        Map<String, String> nulls = new HashMap<>();
        VALID.keySet().forEach(property -> nulls.put(property, null));

        assertThat(validator.validate(form(nulls))).isEmpty();
    }

    static List<Arguments> invalidValues() {
        return List.of(
                Arguments.of("email", "ana.example.com", "email", "format"),
                Arguments.of("email", "ana@@example.com", "email", "format"),
                Arguments.of("email", "   ", "email", "required"),
                Arguments.of("email", "a".repeat(250) + "@example.com", "email", "max_length"),
                Arguments.of("email", "ana@example.com\nBcc: eve@example.com", "email", "line_break"),
                Arguments.of("email", "ana\u202E@example.com", "email", "forbidden_character"),
                Arguments.of("firstName", "Ana3", "personName", "characters"),
                Arguments.of("firstName", "--", "personName", "characters"),
                Arguments.of("firstName", "", "personName", "required"),
                Arguments.of("firstName", "A".repeat(101), "personName", "max_length"),
                Arguments.of("firstName", "Ana\u2028Maria", "personName", "line_break"),
                Arguments.of("firstName", "An\u0007a", "personName", "forbidden_character"),
                Arguments.of("phone", "06 12 34 56 78", "phone", "international_format"),
                Arguments.of("phone", "0033 6 12 34 56 78", "phone", "international_format"),
                Arguments.of("phone", "+33 12", "phone", "invalid_number"),
                Arguments.of("phone", "+33 6 12 34 56 789", "phone", "invalid_number"),
                Arguments.of("phone", "+33 abc", "phone", "format"),
                Arguments.of("phone", " ", "phone", "required"),
                Arguments.of("phone", "+33" + " ".repeat(40) + "612345678", "phone", "max_length"),
                Arguments.of("phone", "+33 6 12\n34 56 78", "phone", "line_break"),
                Arguments.of("phone", "+33 6 12 34 56 78\u200E", "phone", "forbidden_character"),
                Arguments.of("frenchPhone", "01 02", "phone", "invalid_number"),
                Arguments.of("frenchPhone", "call me", "phone", "format"),
                Arguments.of("country", "XX", "country", "iso_3166"),
                Arguments.of("country", "FRA", "country", "iso_3166"),
                Arguments.of("country", " ", "country", "required"),
                Arguments.of("language", "fr_FR", "language", "format"),
                Arguments.of("language", "123", "language", "format"),
                Arguments.of("language", "", "language", "required"),
                Arguments.of("language", "en-" + "a".repeat(40), "language", "max_length"),
                Arguments.of("language", "fr\nCA", "language", "line_break"),
                Arguments.of("language", "fr\u0000", "language", "forbidden_character"),
                Arguments.of("pass", "AB/12", "pass", "format"),
                Arguments.of("pass", "A".repeat(65), "pass", "max_length"),
                Arguments.of("pass", "", "pass", "required"),
                Arguments.of("pass", "A".repeat(129), "pass", "max_length"),
                Arguments.of("pass", "AB\n12", "pass", "line_break"),
                Arguments.of("pass", "AB\u000112", "pass", "forbidden_character"),
                Arguments.of("email", "ana@xn--a.com", "email", "format"),
                Arguments.of("email", "\u200D\u3164", "email", "invisible"),
                Arguments.of("email", "\u0301ana@example.com", "email", "lone_combining_mark"),
                Arguments.of("firstName", "\u3164", "personName", "invisible"),
                Arguments.of("firstName", "Ana \u0301", "personName", "lone_combining_mark"),
                Arguments.of("firstName", "Aq\u0300\u0301\u0302\u0303\u0304\u0305", "personName", "combining_marks"),
                Arguments.of("phone", "\u115F", "phone", "invisible"),
                Arguments.of("language", "\u2800", "language", "invisible"),
                Arguments.of("pass", "\uFFA0", "pass", "invisible"));
    }

    @ParameterizedTest(name = "{0} breaks {2}.{3}")
    @MethodSource("invalidValues")
    void an_invalid_value_gives_one_violation_on_its_property_naming_the_broken_rule(
            String property, String value, String constraint, String rule) {
        Set<ConstraintViolation<SignUpForm>> violations = validator.validate(formWith(property, value));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath()).hasToString(property);
            assertThat(violation.getMessageTemplate())
                    .isEqualTo("{io.clientele.validation." + constraint + "." + rule + "}");
            assertThat(violation.getMessage()).as("interpolated message").isNotBlank().doesNotContain("{", "}");
        });
    }

    @Test
    void rule_messages_are_english_defaults_from_validation_messages() {
        assertThat(messageFor("email", "ana.example.com")).isEqualTo("must be a valid email address");
        assertThat(messageFor("phone", "06 12 34 56 78"))
                .isEqualTo("must be in international format: + and the country calling code,"
                        + " for example +33 6 12 34 56 78");
        assertThat(messageFor("country", "XX")).isEqualTo("must be an ISO 3166-1 alpha-2 country code, for example FR");
        assertThat(messageFor("firstName", "A".repeat(101))).isEqualTo("must be at most 100 characters long");
    }

    @Test
    void an_international_phone_number_needs_a_plus_and_a_known_country_code_as_libphonenumber_requires_for_ZZ() {
        // With a real region as default, libphonenumber would read "+011" as the US exit code.
        assertThat(rulesOf(formWith("phone", "+011 33 6 12 34 56 78"))).containsExactly("international_format");
        assertThat(rulesOf(formWith("phone", "0033 6 12 34 56 78"))).containsExactly("international_format");
        assertThat(rulesOf(formWith("frenchPhone", "0033 6 12 34 56 78"))).isEmpty();
        assertThat(rulesOf(formWith("frenchPhone", "06 12 34 56 78"))).isEmpty();
    }

    @Test
    void a_message_set_on_the_annotation_replaces_the_rule_messages() {
        Set<ConstraintViolation<CustomMessageForm>> violations =
                validator.validate(new CustomMessageForm("ana.example.com"));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getMessageTemplate()).isEqualTo("Please check the email address");
            assertThat(violation.getMessage()).isEqualTo("Please check the email address");
        });
    }

    @Test
    void constraints_apply_to_container_elements() {
        Set<ConstraintViolation<InviteForm>> violations =
                validator.validate(new InviteForm(List.of("ana@example.com", "not an email", "bo@example.com")));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.getPropertyPath()).hasToString("emails[1].<list element>");
            assertThat(violation.getMessageTemplate()).isEqualTo("{io.clientele.validation.email.format}");
        });
    }

    @Test
    void a_phone_region_that_is_no_country_code_is_a_declaration_error() {
        assertThatThrownBy(() -> validator.validate(new MisconfiguredForm("+33 6 12 34 56 78")))
                .isInstanceOf(ConstraintDeclarationException.class)
                .hasMessageContaining("region = \"XX\"");
    }

    private static String messageFor(String property, String value) {
        return validator.validate(formWith(property, value)).iterator().next().getMessage();
    }

    private static List<String> rulesOf(SignUpForm form) {
        return validator.validate(form).stream()
                .map(ConstraintViolation::getMessageTemplate)
                .map(template -> template.substring(template.lastIndexOf('.') + 1, template.length() - 1))
                .toList();
    }

    private static SignUpForm formWith(String property, String value) {
        assertThat(VALID).containsKey(property);
        Map<String, String> values = new HashMap<>(VALID);
        values.put(property, value);
        return form(values);
    }

    private static SignUpForm form(Map<String, String> values) {
        return new SignUpForm(values.get("email"), values.get("firstName"), values.get("phone"),
                values.get("frenchPhone"), values.get("country"), values.get("language"), values.get("pass"));
    }
}
