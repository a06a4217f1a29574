package io.clientele.client.model;

import io.clientele.common.DisplayName;
import io.clientele.common.UntrustedInput;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import static io.clientele.common.UntrustedInput.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every single-line text field of the client profile shares: line breaks, control and
 * bidi characters anywhere inside are refused with a specific rule, and so is text over the limit.
 */
class UntrustedTextTest {

    private static final CountryCode FR = CountryCode.of("FR");

    /**
     * A text field, with a valid value split in two around the point where hostile text is
     * inserted, and a character to pad it past its limit.
     */
    enum Field {
        FIRST_NAME("firstName", PersonName.MAX_LENGTH, "Ana", "Mar\u00EDa", 'a', s -> new PersonName(s, "L\u00F3pez")),
        LAST_NAME("lastName", PersonName.MAX_LENGTH, "L\u00F3pez", "Garc\u00EDa", '\u738B', s -> new PersonName("Ana", s)),
        EMAIL("email", 254, "ana", ".lopez@example.com", 'a', EmailAddress::of),
        DISPLAY_NAME("name", DisplayName.MAX_LENGTH, "VIP", " clients", 'x', DisplayName::new),
        PASS_NUMBER("passNumber", 128, "AB", "12", '7', PassNumber::of),
        LANGUAGE("preferredLanguage", 35, "pt", "-BR", 'a', LanguageTag::of),
        LINE1("address.line1", 200, "12 rue", " de la Paix", 'r',
                s -> new PostalAddress(s, Optional.empty(), "75002", "Paris", Optional.empty(), FR)),
        LINE2("address.line2", 200, "B\u00E2timent", " B", 'b',
                s -> new PostalAddress("12 rue de la Paix", Optional.of(s), "75002", "Paris", Optional.empty(), FR)),
        POSTAL_CODE("address.postalCode", 20, "750", "02", '0',
                s -> new PostalAddress("12 rue de la Paix", Optional.empty(), s, "Paris", Optional.empty(), FR)),
        CITY("address.city", 100, "Saint", "-Malo", 's',
                s -> new PostalAddress("12 rue de la Paix", Optional.empty(), "35400", s, Optional.empty(), FR)),
        REGION("address.region", 100, "\u00CEle", "-de-France", 'e',
                s -> new PostalAddress("12 rue de la Paix", Optional.empty(), "75002", "Paris", Optional.of(s), FR));

        final String fieldName;
        final int maxLength;
        final String before;
        final String after;
        final char filler;
        final Function<String, Object> build;

        Field(String name, int maxLength, String before, String after, char filler, Function<String, Object> build) {
            this.fieldName = name;
            this.maxLength = maxLength;
            this.before = before;
            this.after = after;
            this.filler = filler;
            this.build = build;
        }
    }

    @Example
    void every_field_accepts_its_value_without_inserted_text() {
        for (Field field : Field.values()) {
            assertThat(field.build.apply(field.before + field.after)).as(field.fieldName).isNotNull();
        }
    }

    @Property(tries = 300)
    void a_line_break_inside_any_text_field_is_refused_with_rule_line_break(
            @ForAll Field field, @ForAll("lineBreaks") String lineBreak) {
        assertRefused(() -> field.build.apply(field.before + lineBreak + field.after), field.fieldName, "line_break");
    }

    @Property(tries = 500)
    void a_control_or_bidi_character_inside_any_text_field_is_refused_with_rule_forbidden_character(
            @ForAll Field field, @ForAll("forbidden") String forbidden) {
        assertRefused(() -> field.build.apply(field.before + forbidden + field.after), field.fieldName,
                "forbidden_character");
    }

    @Property(tries = 300)
    void text_over_the_limit_in_any_field_is_refused_with_rule_max_length(
            @ForAll Field field, @ForAll @IntRange(min = 1, max = 10_000) int excess) {
        String padding = String.valueOf(field.filler).repeat(field.maxLength + excess);

        assertRefused(() -> field.build.apply(field.before + padding + field.after), field.fieldName, "max_length");
    }

    @Provide
    Arbitrary<String> lineBreaks() {
        return Arbitraries.of(UntrustedInput.LINE_BREAKS);
    }

    @Provide
    Arbitrary<String> forbidden() {
        return Arbitraries.of(UntrustedInput.FORBIDDEN);
    }
}
