package io.clientele.client.model;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.length;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Normalizer2;
import io.clientele.common.UntrustedInput;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NoteTextTest {

    private static final Set<String> RULES =
            Set.of("required", "line_break", "forbidden_character", "max_length", "invisible",
                    "lone_combining_mark");

    @Example
    void a_note_keeps_its_lines_and_tabs() {
        String text = "Prefers morning classes.\n\tAllergic to latex.\n\n\u2014 Ana";

        assertThat(new NoteText(text).value()).isEqualTo(text);
    }

    @Example
    void windows_and_old_mac_line_endings_become_line_feeds() {
        assertThat(new NoteText("first\r\nsecond\rthird").value()).isEqualTo("first\nsecond\nthird");
    }

    @Example
    void surrounding_blank_lines_are_trimmed_and_text_is_nfc() {
        assertThat(new NoteText("\n\n  Cafe\u0301 au lait  \r\n").value()).isEqualTo("Caf\u00E9 au lait");
    }

    @Example
    void missing_or_blank_note_is_refused_with_rule_required() {
        assertRefused(() -> new NoteText(null), "text", "required");
        assertRefused(() -> new NoteText(" \n\t "), "text", "required");
    }

    @Example
    void note_of_5000_characters_is_accepted_and_5001_is_refused_with_rule_max_length() {
        assertThat(new NoteText("\u738B".repeat(NoteText.MAX_LENGTH)).value()).hasSize(NoteText.MAX_LENGTH);
        assertRefused(() -> new NoteText("a".repeat(NoteText.MAX_LENGTH + 1)), "text", "max_length");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void line_separators_other_than_line_feed_are_refused_with_rule_line_break(
            @ForAll("otherLineBreaks") String lineBreak) {
        assertRefused(() -> new NoteText("first" + lineBreak + "second"), "text", "line_break");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void controls_other_than_tab_and_bidi_characters_are_refused_with_rule_forbidden_character(
            @ForAll("forbiddenInNotes") String forbidden) {
        assertRefused(() -> new NoteText("Call back" + forbidden + " tomorrow"), "text", "forbidden_character");
    }

    @Property
    void any_input_is_a_note_or_refused_with_a_validation_exception(@ForAll("anyTextOrNull") String raw) {
        validOrRefused(() -> new NoteText(raw), "text", RULES).ifPresent(note -> {
            String value = note.value();
            assertThat(value).isEqualTo(value.strip()).isNotEmpty().doesNotContain("\r");
            assertThat(Normalizer2.getNFCInstance().isNormalized(value)).isTrue();
            assertThat(length(value)).isLessThanOrEqualTo(NoteText.MAX_LENGTH);
            assertThat(value.codePoints())
                    .noneMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t')
                    .noneMatch(cp -> cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)
                            || (cp >= 0x2066 && cp <= 0x2069));
            assertThat(new NoteText(value)).isEqualTo(note);
        });
    }

    @Property(tries = 200)
    void notes_over_5000_characters_are_refused_with_rule_max_length(
            @ForAll("lines") String line, @ForAll @IntRange(min = 1, max = 3000) int excess) {
        StringBuilder text = new StringBuilder();
        while (length(text.toString()) <= NoteText.MAX_LENGTH + excess) {
            text.append(line).append('\n');
        }
        String raw = text.toString();

        assertRefused(() -> new NoteText(raw), "text", "max_length");
    }

    @Provide
    Arbitrary<String> otherLineBreaks() {
        return Arbitraries.of("\u000B", "\u000C", "\u0085", "\u2028", "\u2029");
    }

    @Provide
    Arbitrary<String> forbiddenInNotes() {
        return Arbitraries.of(UntrustedInput.FORBIDDEN).filter(s -> !s.equals("\t"));
    }

    @Provide
    Arbitrary<String> lines() {
        return UntrustedInput.word(40);
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return Arbitraries.oneOf(UntrustedInput.textOrNull(),
                Arbitraries.strings().withChars("ab \n\r\t\u00E9").ofMinLength(4990).ofMaxLength(5010));
    }
}
