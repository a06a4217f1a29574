package io.clientele.common;

import static io.clientele.common.UntrustedInput.assertRefused;
import static io.clientele.common.UntrustedInput.validOrRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class CursorTest {

    private static final String CLIENT_ID = "019cadc6-9afb-7000-8000-000000000001";

    @Example
    void cursor_round_trips_its_sort_key_parts() {
        Cursor cursor = Cursor.of("L\u00F3pez", "Ana", CLIENT_ID);

        assertThat(cursor.parts(3)).containsExactly("L\u00F3pez", "Ana", CLIENT_ID);
    }

    @Example
    void cursor_survives_a_trip_through_its_string_form() {
        Cursor cursor = Cursor.of("\u738B\u5C0F\u660E", "2026-03-02T09:00:00Z", CLIENT_ID);

        Cursor passedBack = new Cursor(cursor.toString());

        assertThat(passedBack).isEqualTo(cursor);
        assertThat(passedBack.parts(3)).containsExactly("\u738B\u5C0F\u660E", "2026-03-02T09:00:00Z", CLIENT_ID);
    }

    @Example
    void a_position_keeps_its_parts_in_clear_for_the_seal_to_encrypt_once() {
        Cursor cursor = Cursor.of("\u00FF\u00FE?>", "a/b+c", "=");

        assertThat(cursor.value()).isEqualTo("\u00FF\u00FE?>\u001Fa/b+c\u001F=");
    }

    @Example
    void a_part_holding_the_separator_is_a_bug_of_the_adapter() {
        assertThatThrownBy(() -> Cursor.of("a\u001Fb", CLIENT_ID)).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void empty_parts_keep_their_position() {
        assertThat(Cursor.of("", "Ana", "").parts(3)).containsExactly("", "Ana", "");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void a_position_with_another_number_of_parts_is_refused_on_field_cursor(@ForAll("otherShapes") String other) {
        assertRefused(() -> new Cursor(other).parts(2), "cursor", "format");
    }

    @Example
    void cursor_with_another_number_of_parts_is_refused() {
        Cursor twoParts = Cursor.of("L\u00F3pez", CLIENT_ID);

        assertRefused(() -> twoParts.parts(3), "cursor", "format");
        assertRefused(() -> twoParts.parts(1), "cursor", "format");
    }

    @Example
    void blank_cursor_is_refused_with_rule_required() {
        assertRefused(() -> new Cursor(null), "cursor", "required");
        assertRefused(() -> new Cursor(""), "cursor", "required");
        assertRefused(() -> new Cursor("   "), "cursor", "required");
    }

    @Example
    void cursor_longer_than_the_longest_sealed_cursor_is_refused_with_rule_max_length() {
        // base64 of the version byte, the nonce, ten padded blocks of 256 bytes and the tag
        assertThat(Cursor.MAX_LENGTH).isEqualTo(4 * (1 + 12 + 2560 + 16) / 3).isEqualTo(3452);
        assertThat(new Cursor("A".repeat(3452)).value()).hasSize(3452);
        assertRefused(() -> new Cursor("A".repeat(3453)), "cursor", "max_length");
    }

    @Property
    void generated_parts_round_trip_or_are_refused_as_too_long(@ForAll("sortKeys") List<String> parts) {
        validOrRefused(() -> Cursor.of(parts.toArray(String[]::new)), "cursor", Set.of("max_length"))
                .ifPresent(cursor -> {
                    assertThat(cursor.value().codePointCount(0, cursor.value().length()))
                            .isLessThanOrEqualTo(Cursor.MAX_LENGTH);
                    assertThat(cursor.parts(parts.size())).isEqualTo(parts);
                });
    }

    @Property
    void any_string_passed_back_as_a_cursor_decodes_or_is_refused_on_field_cursor(
            @ForAll("anyTextOrNull") String raw, @ForAll @IntRange(min = 1, max = 4) int count) {
        validOrRefused(() -> new Cursor(raw).parts(count), "cursor", Set.of("required", "max_length", "format"))
                .ifPresent(parts -> assertThat(parts).hasSize(count));
    }

    @Provide
    Arbitrary<String> otherShapes() {
        String genuine = Cursor.of("L\u00F3pez", CLIENT_ID).value();
        return Arbitraries.of(
                genuine + "\u001F",
                "\u001F" + genuine,
                genuine + "\u001Fextra",
                "not a cursor",
                "\u00E9t\u00E9",
                "\u738B\u5C0F\u660E",
                Cursor.of("a", "b", "c").value(),
                Cursor.of("only-one").value());
    }

    @Provide
    Arbitrary<List<String>> sortKeys() {
        Arbitrary<String> part = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                UntrustedInput.word(30),
                Arbitraries.strings().alpha().numeric().ofMaxLength(2000))
                // sort keys are validated text: no lone surrogates, no unit separator
                .filter(s -> s.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE || cp == 0x1F));
        return part.list().ofMinSize(1).ofMaxSize(4)
                // one blank key alone would be a blank position: not a position a page can end at
                .filter(parts -> !(parts.size() == 1 && Text.isBlank(parts.get(0))));
    }

    @Provide
    Arbitrary<String> anyTextOrNull() {
        return UntrustedInput.textOrNull();
    }
}
