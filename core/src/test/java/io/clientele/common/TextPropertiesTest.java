package io.clientele.common;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.length;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TextPropertiesTest {

    private static final Set<String> RULES = Set.of("required", "line_break", "forbidden_character", "max_length",
            "invisible", "lone_combining_mark");
    private static final int MAX = 100;

    // --- single line: examples ---

    @Example
    void single_line_text_is_normalized_to_nfc_and_trimmed() {
        String value = Text.singleLine("name", "  Jose\u0301 Zoe\u0308 \u3000", MAX);

        assertThat(value).isEqualTo("Jos\u00E9 Zo\u00EB");
    }

    @Example
    void a_null_value_is_refused_with_rule_required() {
        assertRefused(() -> Text.singleLine("name", null, MAX), "name", "required");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_line_break_inside_single_line_text_is_refused_with_rule_line_break(
            @ForAll("lineBreaks") String lineBreak) {
        assertRefused(() -> Text.singleLine("address.city", "Saint" + lineBreak + "Malo", MAX),
                "address.city", "line_break");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_control_or_bidi_character_inside_single_line_text_is_refused_with_rule_forbidden_character(
            @ForAll("forbidden") String forbidden) {
        assertRefused(() -> Text.singleLine("name", "evil" + forbidden + "txt.exe", MAX),
                "name", "forbidden_character");
    }

    @Example
    void zero_width_joiners_that_scripts_and_emoji_need_are_allowed() {
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        String developer = "\uD83D\uDC69\u200D\uD83D\uDCBB";

        assertThat(Text.singleLine("name", persian, MAX)).isEqualTo(persian);
        assertThat(Text.singleLine("name", developer + " team", MAX)).isEqualTo(developer + " team");
    }

    @Example
    void length_is_counted_in_code_points_not_utf16_units() {
        String threeIdeographs = "\uD840\uDC00\uD840\uDC01\uD840\uDC02";

        assertThat(Text.singleLine("name", threeIdeographs, 3)).isEqualTo(threeIdeographs);
        assertRefused(() -> Text.singleLine("name", threeIdeographs + "a", 3), "name", "max_length");
    }

    @Example
    void line_breaks_are_exactly_cr_lf_vt_ff_nel_and_the_unicode_separators() {
        List<Integer> lineBreaks = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Text.isLineBreak(cp)) {
                lineBreaks.add(cp);
            }
        }

        assertThat(lineBreaks).containsExactly(0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029);
    }

    // --- multi line: examples ---

    @Example
    void multi_line_text_converts_crlf_and_cr_to_lf_and_keeps_tabs() {
        String value = Text.multiLine("text", "\r\n  first\r\nsecond\rthird\tcolumn \n\n", 5000);

        assertThat(value).isEqualTo("first\nsecond\nthird\tcolumn");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void multi_line_text_refuses_line_breaks_other_than_lf_with_rule_line_break(
            @ForAll("lineBreaksOtherThanLf") String lineBreak) {
        assertRefused(() -> Text.multiLine("text", "first" + lineBreak + "second", 5000), "text", "line_break");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void multi_line_text_refuses_controls_other_than_tab_and_bidi_characters(
            @ForAll("forbiddenExceptTab") String forbidden) {
        assertRefused(() -> Text.multiLine("text", "first\n" + forbidden + "second", 5000),
                "text", "forbidden_character");
    }

    // --- properties over generated input ---

    @Property
    void any_single_line_input_is_valid_text_or_refused_with_a_validation_exception(
            @ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> Text.singleLine("field", raw, MAX), "field", RULES).ifPresent(value -> {
            assertThat(Normalizer2.getNFCInstance().isNormalized(value)).isTrue();
            assertThat(value).isEqualTo(value.strip());
            assertThat(length(value)).isLessThanOrEqualTo(MAX);
            assertThat(value.codePoints()).noneMatch(Text::isLineBreak).noneMatch(TextPropertiesTest::forbidden);
            assertThat(Text.singleLine("field", value, MAX)).isEqualTo(value);
        });
    }

    @Property
    void any_multi_line_input_is_valid_text_or_refused_with_a_validation_exception(
            @ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> Text.multiLine("field", raw, MAX), "field", RULES).ifPresent(value -> {
            assertThat(Normalizer2.getNFCInstance().isNormalized(value)).isTrue();
            assertThat(value).isEqualTo(value.strip()).doesNotContain("\r");
            assertThat(length(value)).isLessThanOrEqualTo(MAX);
            assertThat(value.codePoints())
                    .noneMatch(cp -> cp != '\n' && Text.isLineBreak(cp))
                    .noneMatch(cp -> cp != '\t' && cp != '\n' && forbidden(cp));
            assertThat(Text.multiLine("field", value, MAX)).isEqualTo(value);
        });
    }

    @Property
    void a_line_break_between_letters_is_always_refused(
            @ForAll("bmpWords") String before, @ForAll("lineBreaks") String lineBreak,
            @ForAll("bmpWords") String after) {
        assertRefused(() -> Text.singleLine("field", before + lineBreak + after, MAX), "field", "line_break");
    }

    @Property
    void any_control_format_private_use_or_unassigned_code_point_between_letters_is_refused(
            @ForAll("bmpWords") String before, @ForAll("forbiddenCodePoints") int forbidden,
            @ForAll("bmpWords") String after) {
        String raw = before + new String(Character.toChars(forbidden)) + after;

        assertRefused(() -> Text.singleLine("field", raw, MAX), "field", "forbidden_character");
        if (forbidden != '\t') {
            assertRefused(() -> Text.multiLine("field", raw, MAX), "field", "forbidden_character");
        }
    }

    @Property(tries = 200)
    void text_longer_than_the_limit_is_refused_with_rule_max_length(
            @ForAll @IntRange(min = 0, max = 500) int limit, @ForAll @IntRange(min = 1, max = 2000) int excess) {
        String raw = "a".repeat(limit + excess);

        assertRefused(() -> Text.singleLine("field", raw, limit), "field", "max_length");
        assertRefused(() -> Text.multiLine("field", raw, limit), "field", "max_length");
        assertThat(Text.singleLine("field", "a".repeat(limit), limit)).hasSize(limit);
    }

    @Property
    void letters_of_several_scripts_are_accepted_and_come_back_as_nfc(
            @ForAll("words") String first, @ForAll("words") String second) {
        String raw = " " + first + " " + second + " ";

        assertThat(Text.singleLine("field", raw, MAX))
                .isEqualTo(Normalizer2.getNFCInstance().normalize(first + " " + second));
    }

    // --- generators ---

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }

    @Provide
    Arbitrary<String> lineBreaks() {
        return Arbitraries.of(UntrustedInput.LINE_BREAKS);
    }

    @Provide
    Arbitrary<String> lineBreaksOtherThanLf() {
        return Arbitraries.of("\u000B", "\u000C", "\u0085", "\u2028", "\u2029");
    }

    @Provide
    Arbitrary<String> forbidden() {
        return Arbitraries.of(UntrustedInput.FORBIDDEN);
    }

    @Provide
    Arbitrary<String> forbiddenExceptTab() {
        return Arbitraries.of(UntrustedInput.FORBIDDEN_EXCEPT_TAB);
    }

    @Provide
    Arbitrary<Integer> forbiddenCodePoints() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x9F),
                Arbitraries.integers().between(0x2000, 0x206F),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT))
                .filter(cp -> forbidden(cp) && !Text.isLineBreak(cp));
    }

    @Provide
    Arbitrary<String> bmpWords() {
        return UntrustedInput.bmpWord(10);
    }

    @Provide
    Arbitrary<String> words() {
        return UntrustedInput.word(20);
    }

    /**
     * What the documentation of {@link Text} says is forbidden, written independently of it, by ICU's
     * tables (the JDK's are older on JDK 17 and would call letters of newer scripts unassigned).
     */
    private static boolean forbidden(int cp) {
        if (cp == 0x200C || cp == 0x200D) {
            return false;
        }
        switch (UCharacter.getType(cp)) {
            case UCharacterCategory.CONTROL:
            case UCharacterCategory.FORMAT:
            case UCharacterCategory.UNASSIGNED:
            case UCharacterCategory.SURROGATE:
            case UCharacterCategory.PRIVATE_USE:
            case UCharacterCategory.LINE_SEPARATOR:
            case UCharacterCategory.PARAGRAPH_SEPARATOR:
                return true;
            default:
                return false;
        }
    }
}
