package io.clientele.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ibm.icu.lang.UCharacter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Text as people and attackers type it, for jqwik properties, and the contract every value object
 * keeps with it: an input either builds a value or is refused with a {@link ValidationException}
 * that names the field and one of the documented rules. Any other exception fails the property.
 */
public final class UntrustedInput {

    /** Refused inside single-line text with rule {@code line_break}. */
    public static final List<String> LINE_BREAKS = List.of(
            "\n", "\r", "\r\n", "\u000B", "\u000C", "\u0085", "\u2028", "\u2029");

    /** Bidirectional embeddings, overrides and isolates: U+202A..U+202E, U+2066..U+2069. */
    public static final List<String> BIDI_CONTROLS = List.of(
            "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069");

    /**
     * Refused inside single-line text with rule {@code forbidden_character}: C0/C1 controls (tab
     * among them), bidi controls and marks, invisible format characters, private use, unassigned
     * code points, noncharacters and lone surrogates.
     */
    public static final List<String> FORBIDDEN = List.copyOf(concat(List.of(
            "\u0000", "\u0007", "\t", "\u001B", "\u001C", "\u001F", "\u007F", "\u0080", "\u009F",
            "\u200E", "\u200F", "\u061C", "\u00AD", "\uFEFF", "\u2060",
            "\uE000", "\uDB80\uDC00", "\u0378", "\uFFFF", "\uD800", "\uDFFF", "\uDB40\uDC01"),
            BIDI_CONTROLS));

    private static final String BENIGN = "aAzZ09 éÉøØçÇßİıſﬁ王山김ΔδЖжع'’ʼ-‐.@+_#!%/\u00A0\u3000\u0301\u200C\u200D";
    /** {@link #FORBIDDEN} but the tab, which multi-line text (notes, messages) allows. */
    public static final List<String> FORBIDDEN_EXCEPT_TAB = FORBIDDEN.stream().filter(f -> !f.equals("\t")).toList();

    private static final String TRICKY = BENIGN + String.join("", LINE_BREAKS) + String.join("", FORBIDDEN);

    private UntrustedInput() {
    }

    /**
     * Any text: arbitrary UTF-16 (lone surrogates included), mixes of letters, punctuation,
     * controls, line breaks and bidi characters, harmless mixes of letters and punctuation, words
     * of several scripts, supplementary code points, and very long strings.
     */
    public static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(5, Arbitraries.strings().withChars(TRICKY).ofMaxLength(60)),
                Tuple.of(4, Arbitraries.strings().withChars(BENIGN).ofMaxLength(60)),
                Tuple.of(2, word(12).list().ofMaxSize(4).map(words -> String.join(" ", words))),
                Tuple.of(2, codePoints(0x10000, 0x10FFFF, 12)),
                Tuple.of(1, Arbitraries.strings().withChars(TRICKY).ofMinLength(60).ofMaxLength(6000)
                        .withLengthDistribution(RandomDistribution.uniform())),
                Tuple.of(1, Combinators.combine(Arbitraries.of('a', 'Z', '7', ' ', '-', 'é', '王'),
                                Arbitraries.integers().between(1, 200_000)
                                        .withDistribution(RandomDistribution.uniform()))
                        .as((c, n) -> String.valueOf(c).repeat(n))));
    }

    /**
     * One letter (as a string) from Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari,
     * Thai, Hangul, Hiragana, Katakana or Han; Han includes supplementary-plane ideographs.
     */
    public static Arbitrary<String> letter() {
        return Arbitraries.oneOf(List.of(
                        range(0x41, 0x24F), range(0x370, 0x3FF), range(0x400, 0x4FF), range(0x531, 0x587),
                        range(0x5D0, 0x5EA), range(0x620, 0x64A), range(0x904, 0x939), range(0xE01, 0xE30),
                        range(0xAC00, 0xD7A3), range(0x3041, 0x3096), range(0x30A1, 0x30FA),
                        range(0x4E00, 0x9FEF), range(0x20000, 0x2A6D6)))
                .filter(UCharacter::isLetter)
                .map(cp -> new String(Character.toChars(cp)));
    }

    /** A word of 1 to {@code maxLength} letters of {@link #letter()}, mixing scripts. */
    public static Arbitrary<String> word(int maxLength) {
        return letter().list().ofMinSize(1).ofMaxSize(maxLength).map(l -> String.join("", l));
    }

    /** A word of 1 to {@code maxLength} letters from the Basic Multilingual Plane only. */
    public static Arbitrary<String> bmpWord(int maxLength) {
        return word(maxLength).filter(w -> w.length() == length(w));
    }

    /** Like {@link #text()}, sometimes {@code null}. */
    public static Arbitrary<String> textOrNull() {
        return text().injectNull(0.05);
    }

    /** Strings of up to {@code maxLength} code points drawn from {@code [from, to]}. */
    public static Arbitrary<String> codePoints(int from, int to, int maxLength) {
        return Arbitraries.integers().between(from, to).list().ofMaxSize(maxLength)
                .map(cps -> cps.stream().map(cp -> new String(Character.toChars(cp))).collect(Collectors.joining()));
    }

    /**
     * Builds a value; when the input is refused, checks the refusal names one of {@code fields}
     * and one of {@code rules}. Empty when refused. Any other exception propagates.
     */
    public static <T> Optional<T> validOrRefused(Supplier<T> build, Set<String> fields, Set<String> rules) {
        try {
            return Optional.of(build.get());
        } catch (ValidationException refused) {
            assertThat(refused.field()).as("field of <%s>", refused.getMessage()).isIn(fields);
            assertThat(refused.rule()).as("rule of <%s>", refused.getMessage()).isIn(rules);
            return Optional.empty();
        }
    }

    /** {@link #validOrRefused(Supplier, Set, Set)} for a value with a single field. */
    public static <T> Optional<T> validOrRefused(Supplier<T> build, String field, Set<String> rules) {
        return validOrRefused(build, Set.of(field), rules);
    }

    /** Asserts the call is refused with a {@link ValidationException} on {@code field} for {@code rule}. */
    public static void assertRefused(ThrowingCallable call, String field, String rule) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ValidationException.class);
        ValidationException refused = (ValidationException) thrown;
        assertThat(refused.field()).as("field").isEqualTo(field);
        assertThat(refused.rule()).as("rule of <%s>", refused.getMessage()).isEqualTo(rule);
    }

    /** The number of code points, which is what length limits count. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static Arbitrary<Integer> range(int from, int to) {
        return Arbitraries.integers().between(from, to);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }
}
