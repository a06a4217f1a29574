package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.length;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import io.clientele.common.UntrustedInput;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PersonNameTest {

    private static final Set<String> FIELDS = Set.of("firstName", "lastName");
    private static final Set<String> RULES =
            Set.of("required", "line_break", "forbidden_character", "max_length", "characters", "invisible",
                    "lone_combining_mark", "combining_marks");

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void names_with_accents_are_accepted_unchanged(@ForAll("accentedNames") String name) {
        PersonName person = new PersonName(name, name);

        assertThat(person.firstName()).isEqualTo(name);
        assertThat(person.lastName()).isEqualTo(name);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void names_in_cjk_and_other_scripts_are_accepted_unchanged(@ForAll("namesInOtherScripts") String name) {
        assertThat(new PersonName(name, name).lastName()).isEqualTo(name);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void names_with_apostrophes_hyphens_periods_and_spaces_are_accepted_unchanged(
            @ForAll("punctuatedNames") String name) {
        assertThat(new PersonName(name, name).firstName()).isEqualTo(name);
    }

    @Example
    void decomposed_accents_are_composed_to_nfc() {
        PersonName person = new PersonName("Jose\u0301", "Zoe\u0308");

        assertThat(person.firstName()).isEqualTo("Jos\u00E9");
        assertThat(person.lastName()).isEqualTo("Zo\u00EB");
    }

    @Example
    void surrounding_spaces_are_trimmed_and_inner_runs_collapsed() {
        PersonName person = new PersonName("  Ana   Mar\u00EDa ", "\tde  la   Cruz  ");

        assertThat(person.firstName()).isEqualTo("Ana Mar\u00EDa");
        assertThat(person.lastName()).isEqualTo("de la Cruz");
        assertThat(person.fullName()).isEqualTo("Ana Mar\u00EDa de la Cruz");
    }

    @Example
    void missing_or_blank_parts_are_refused_with_rule_required() {
        assertRefused(() -> new PersonName(null, "L\u00F3pez"), "firstName", "required");
        assertRefused(() -> new PersonName("Ana", "  "), "lastName", "required");
        assertRefused(() -> new PersonName("", "L\u00F3pez"), "firstName", "required");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void digits_symbols_and_emoji_are_refused_with_rule_characters(@ForAll("notNames") String notAName) {
        assertRefused(() -> new PersonName(notAName, "L\u00F3pez"), "firstName", "characters");
        assertRefused(() -> new PersonName("Ana", notAName), "lastName", "characters");
    }

    @Example
    void a_part_of_100_characters_is_accepted_and_101_is_refused_with_rule_max_length() {
        String hundredIdeographs = "\uD840\uDC00".repeat(100);

        assertThat(new PersonName(hundredIdeographs, "a".repeat(100)).firstName()).isEqualTo(hundredIdeographs);
        assertRefused(() -> new PersonName("a".repeat(101), "L\u00F3pez"), "firstName", "max_length");
        assertRefused(() -> new PersonName("Ana", "\u00E9".repeat(101)), "lastName", "max_length");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_line_break_inside_a_name_is_refused_with_rule_line_break(@ForAll("lineBreaks") String lineBreak) {
        assertRefused(() -> new PersonName("Ana" + lineBreak + "Mar\u00EDa", "L\u00F3pez"), "firstName", "line_break");
        assertRefused(() -> new PersonName("Ana", "L\u00F3pez" + lineBreak + "Garc\u00EDa"), "lastName", "line_break");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_control_or_bidi_character_inside_a_name_is_refused_with_rule_forbidden_character(
            @ForAll("forbidden") String forbidden) {
        assertRefused(() -> new PersonName("An" + forbidden + "a", "L\u00F3pez"), "firstName", "forbidden_character");
        assertRefused(() -> new PersonName("Ana", "L\u00F3" + forbidden + "pez"), "lastName", "forbidden_character");
    }

    // --- properties ---

    @Property
    void any_input_builds_a_name_or_is_refused_with_a_validation_exception(
            @ForAll("anyTextOrNull") String first, @ForAll("anyTextOrNull") String last) {
        validOrRefused(() -> new PersonName(first, last), FIELDS, RULES).ifPresent(person -> {
            for (String part : List.of(person.firstName(), person.lastName())) {
                assertThat(Normalizer2.getNFCInstance().isNormalized(part)).isTrue();
                assertThat(part).isEqualTo(part.strip()).doesNotContain("  ");
                assertThat(length(part)).isBetween(1, PersonName.MAX_LENGTH);
                assertThat(part.codePoints()).anyMatch(UCharacter::isLetter).noneMatch(UCharacter::isDigit);
            }
            assertThat(new PersonName(person.firstName(), person.lastName())).isEqualTo(person);
        });
    }

    @Property
    void names_made_of_letters_of_several_scripts_are_accepted_and_round_trip(
            @ForAll("generatedNames") String first, @ForAll("generatedNames") String last) {
        PersonName person = new PersonName("  " + first + " ", "\u3000" + last);

        assertThat(person.firstName()).isEqualTo(Normalizer2.getNFCInstance().normalize(first));
        assertThat(person.lastName()).isEqualTo(Normalizer2.getNFCInstance().normalize(last));
        assertThat(new PersonName(person.firstName(), person.lastName())).isEqualTo(person);
    }

    @Property
    void decomposed_input_gives_the_same_name_as_composed_input(@ForAll("generatedNames") String name) {
        String decomposed = Normalizer2.getNFDInstance().normalize(name);

        assertThat(new PersonName(decomposed, decomposed)).isEqualTo(new PersonName(name, name));
    }

    @Property
    void a_line_break_or_forbidden_character_anywhere_inside_a_generated_name_is_refused(
            @ForAll("generatedNames") String before, @ForAll("lineBreakOrForbidden") String inserted,
            @ForAll("generatedNames") String after) {
        String rule = UntrustedInput.LINE_BREAKS.contains(inserted) ? "line_break" : "forbidden_character";

        assertRefused(() -> new PersonName(before + inserted + after, "L\u00F3pez"), "firstName", rule);
    }

    @Property(tries = 200)
    void names_longer_than_100_characters_are_refused_with_rule_max_length(
            @ForAll("letters") String letter, @ForAll @IntRange(min = 101, max = 5000) int count) {
        assertRefused(() -> new PersonName("Ana", letter.repeat(count)), "lastName", "max_length");
    }

    // --- generators ---

    @Provide
    Arbitrary<String> accentedNames() {
        return Arbitraries.of("Jos\u00E9", "Zo\u00EB", "\u00D8rsted", "Ren\u00E9e", "Dvo\u0159\u00E1k",
                "Gon\u00E7alves", "M\u00FCller", "\u0141ukasz", "\u0218tefan", "Nguy\u1EC5n", "\u00C6lfr\u00EDc",
                "Stra\u00DFe", "Bj\u00F6rk Gu\u00F0mundsd\u00F3ttir");
    }

    @Provide
    Arbitrary<String> namesInOtherScripts() {
        return Arbitraries.of("\u738B\u5C0F\u660E", "\u5C71\u7530", "\u5C71\u7530 \u592A\u90CE",
                "\uAE40\uBBFC\uC900", "\u30A2\u30F3\u30CA\u30FB\u30DE\u30EA\u30A2",
                "\u0410\u043D\u043D\u0430", "\u039D\u03AF\u03BA\u03BF\u03C2", "\u05D3\u05D5\u05D3",
                "\u0645\u062D\u0645\u062F", "\u0926\u0947\u0935\u0928\u093E\u0917\u0930\u0940",
                "\u0E2A\u0E21\u0E0A\u0E32\u0E22", "\uD840\uDC0B\uD840\uDC00");
    }

    @Provide
    Arbitrary<String> punctuatedNames() {
        return Arbitraries.of("O'Brien", "D\u2019Angelo", "N\u02BCDour", "Jean-Luc", "Smith-Jones",
                "Mary Ann", "St. John", "J. R. R.", "\u02BBIolani", "Anne\u2010Marie");
    }

    @Provide
    Arbitrary<String> notNames() {
        return Arbitraries.of("R2D2", "4na", "@na", "Ana!", "Ana_Maria", "Ana\uD83D\uDE00",
                "\u00A9", "'", "-", ".", "' - .", "Ana/Maria", "\u0661\u0662", "<script>");
    }

    @Provide
    Arbitrary<String> lineBreaks() {
        return Arbitraries.of(UntrustedInput.LINE_BREAKS);
    }

    @Provide
    Arbitrary<String> forbidden() {
        return Arbitraries.of(UntrustedInput.FORBIDDEN);
    }

    @Provide
    Arbitrary<String> lineBreakOrForbidden() {
        return Arbitraries.oneOf(lineBreaks(), forbidden());
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }

    @Provide
    Arbitrary<String> letters() {
        return UntrustedInput.letter();
    }

    /** Words of letters from several scripts joined by one space, hyphen or apostrophe. */
    @Provide
    Arbitrary<String> generatedNames() {
        Arbitrary<String> separator = Arbitraries.of(" ", "-", "'", "\u2019");
        Arbitrary<String> word = UntrustedInput.bmpWord(10);
        return Combinators.combine(word, separator.list().ofMaxSize(2), word.list().ofSize(2))
                .as((head, separators, tail) -> {
                    StringBuilder name = new StringBuilder(head);
                    for (int i = 0; i < separators.size(); i++) {
                        name.append(separators.get(i)).append(tail.get(i));
                    }
                    return name.toString();
                });
    }
}
