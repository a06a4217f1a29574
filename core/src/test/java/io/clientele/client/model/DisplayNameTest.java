package io.clientele.client.model;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import io.clientele.common.DisplayName;
import io.clientele.common.Text;
import io.clientele.common.UntrustedInput;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.length;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

class DisplayNameTest {

    private static final Set<String> RULES =
            Set.of("required", "line_break", "forbidden_character", "max_length", "invisible",
                    "lone_combining_mark", "combining_marks");

    @Example
    void display_name_is_trimmed_with_runs_of_spaces_collapsed() {
        assertThat(new DisplayName("  VIP    clients ").value()).isEqualTo("VIP clients");
    }

    @Example
    void names_that_differ_only_in_case_share_a_key() {
        assertThat(new DisplayName("VIP Clients").key()).isEqualTo(new DisplayName("vip clients").key())
                .isEqualTo("vip clients");
    }

    @Example
    void emoji_symbols_and_digits_are_allowed() {
        String name = "\uD83C\uDF89 Party 2026 \u2014 50% off!";

        assertThat(new DisplayName(name).value()).isEqualTo(name);
    }

    @Example
    void display_name_of_80_characters_is_accepted_and_81_is_refused_with_rule_max_length() {
        assertThat(new DisplayName("\u00E9".repeat(80)).value()).hasSize(80);
        assertRefused(() -> new DisplayName("e".repeat(81)), "name", "max_length");
    }

    @Example
    void missing_or_blank_name_is_refused_with_rule_required() {
        assertRefused(() -> new DisplayName(null), "name", "required");
        assertRefused(() -> new DisplayName(" \u3000 "), "name", "required");
    }

    @Example
    void a_line_break_or_bidi_isolate_inside_a_name_is_refused() {
        assertRefused(() -> new DisplayName("VIP\r\nclients"), "name", "line_break");
        assertRefused(() -> new DisplayName("VIP \u2067clients"), "name", "forbidden_character");
    }

    @Property
    void any_input_is_a_display_name_or_refused_with_a_validation_exception(@ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> new DisplayName(raw), "name", RULES).ifPresent(name -> {
            String value = name.value();
            assertThat(value).isEqualTo(value.strip()).isNotEmpty().doesNotContain("  ");
            assertThat(Normalizer2.getNFCInstance().isNormalized(value)).isTrue();
            assertThat(length(value)).isLessThanOrEqualTo(DisplayName.MAX_LENGTH);
            assertThat(value.codePoints()).noneMatch(Text::isLineBreak).noneMatch(Character::isISOControl);
            assertThat(name.key()).isEqualTo(UCharacter.toLowerCase(ULocale.ROOT, value));
            assertThat(new DisplayName(value)).isEqualTo(name);
        });
    }

    @Property
    void names_of_words_in_several_scripts_are_accepted(@ForAll("words") String first, @ForAll("words") String second) {
        DisplayName name = new DisplayName(first + "   " + second);

        assertThat(name.value()).isEqualTo(Normalizer2.getNFCInstance().normalize(first + " " + second));
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }

    @Provide
    Arbitrary<String> words() {
        return UntrustedInput.word(30);
    }
}
