package io.clientele.common;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.util.ULocale;
import java.util.Optional;

/**
 * Rules for free text entered by people or set by the host: NFC normalization and refusal of
 * characters that have no place in user data (control characters, line separators where a single
 * line is expected, bidirectional overrides and isolates, unassigned code points, lone surrogates,
 * private use), of values that show nothing, and of combining marks with no base to sit on.
 *
 * <p><b>Blank.</b> One definition serves every field: a value is blank when it holds nothing but
 * Unicode white space (the {@code White_Space} property: spaces, tabs, line breaks, and the no-break
 * U+00A0, U+2007, U+202F and ideographic U+3000 spaces among them). {@link #isBlank}, {@link #trim}
 * and {@link Validate#notBlank} use exactly this definition, and an optional field whose value is
 * blank is absent ({@link #optionalSingleLine}, {@link #optionalMultiLine}).
 *
 * <p><b>Invisible.</b> A value that is not blank but has no visible character is refused (rule
 * {@code invisible}): white space, default-ignorable code points (Unicode's {@code
 * Default_Ignorable_Code_Point}: the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, the
 * zero-width joiner and non-joiner, variation selectors, the combining grapheme joiner, ...),
 * combining marks, and the braille blank U+2800 show nothing on their own.
 *
 * <p><b>One Unicode version, whatever the JDK.</b> Every decision on user text in Clientele (general
 * category, letter, mark, digit, white space, default-ignorable, case mapping, normalization) is
 * made here, or through the helpers here, with ICU4J's tables (Unicode 17.0 with ICU4J 78), never
 * with the JDK's ({@link Character#getType}, {@link Character#isLetter}, {@code \p{...}} in {@code
 * java.util.regex}, {@link java.text.Normalizer}, {@link String#toLowerCase}), which follow the
 * Unicode version of the running JDK (13 on JDK 17, 16 on JDK 25). A name in a script added
 * since (Kawi, Nag Mundari, Garay, Kirat Rai, ...) is therefore accepted or refused the same way on
 * every JDK, and the keys {@link #fold} builds, which adapters store, do not change when the host
 * upgrades its JDK. They change only with the ICU version Clientele ships with ({@link
 * #unicodeVersion()}).
 *
 * <p>Stateless and thread-safe.
 */
public final class Text {

    /**
     * The most combining marks in a row on one character that a name may carry ({@link
     * #limitCombiningMarks}). After NFC, real scripts need at most: Vietnamese 1 (its vowels with two
     * diacritics are precomposed; 2 in the rare uncomposed forms), Thai and Lao 2 to 3 (vowel sign,
     * tone mark, and the rare U+0E47 or U+0E4C), Hebrew with points 4 (dagesh, shin or sin dot, vowel
     * point, meteg), Devanagari, Bengali, Tamil and the other Indic scripts 3 (nukta, vowel sign,
     * candrabindu or anusvara), Tibetan 4 (subjoined consonants and a vowel sign), Burmese 5 (the
     * medials ya and ha, the vowel signs e and aa, and asat: {@code မျှော်}; the common name Kyaw,
     * {@code ကျော်}, has 4). Stacked "Zalgo" text piles dozens on one character.
     */
    public static final int MAX_COMBINING_MARKS = 5;

    /**
     * The most UTF-8 bytes {@link #fold} makes of one code point, whatever the code point: a Hangul
     * syllable decomposes into two or three jamo (3 bytes become 9), and U+16D6A KIRAT RAI VOWEL SIGN
     * AU, a letter, into three letters of 4 bytes each (12). Keys built from folded text (the client
     * list's sort key and list position) are sized with it; a test checks it against every code
     * point, so an ICU upgrade that changes it does not go unnoticed.
     */
    public static final int MAX_FOLDED_BYTES_PER_CODE_POINT = 12;

    private static final int BRAILLE_BLANK = 0x2800;
    private static final Normalizer2 COMPATIBILITY = Normalizer2.getNFKDInstance();
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

    private Text() {
    }

    /**
     * Normalizes a single-line value to NFC, refuses forbidden characters anywhere (leading and
     * trailing ones included), then trims it.
     * CR, LF, VT, FF, NEL, U+2028 and U+2029 are refused (rule {@code line_break}); other control,
     * format (bidi overrides among them), unassigned, surrogate and private-use characters are
     * refused (rule {@code forbidden_character}); a value with no visible character is refused (rule
     * {@code invisible}); a combining mark at the start of the value or right after white space is
     * refused (rule {@code lone_combining_mark}); more than {@code maxLength} code points is refused
     * (rule {@code max_length}). A blank value comes back empty: callers that require a value check
     * it with {@link Validate#notBlank}.
     */
    public static String singleLine(String field, String value, int maxLength) {
        Validate.notNull(field, value);
        String normalized = nfc(value);
        refuseLineBreaks(field, normalized, false);
        return checked(field, trim(normalized), false, maxLength);
    }

    /**
     * Like {@link #singleLine} but allows line feeds (CRLF and CR are converted to LF) and tabs,
     * for notes and messages. Leading and trailing blank lines are trimmed; a combining mark right
     * after a line break is refused like one after a space.
     */
    public static String multiLine(String field, String value, int maxLength) {
        Validate.notNull(field, value);
        String unified = value.replace("\r\n", "\n").replace('\r', '\n');
        String normalized = nfc(unified);
        refuseLineBreaks(field, normalized, true);
        return checked(field, trim(normalized), true, maxLength);
    }

    /**
     * Like {@link #multiLine} but refuses tabs too (rule {@code forbidden_character}): for text the
     * library lays out itself, such as a mail signature, where only line feeds have a meaning.
     */
    public static String multiLineWithoutTabs(String field, String value, int maxLength) {
        String text = multiLine(field, value, maxLength);
        if (text.indexOf('\t') >= 0) {
            throw new ValidationException(field, "forbidden_character",
                    "contains a control, formatting or unassigned character (U+0009)");
        }
        return text;
    }

    /**
     * An optional single-line value: absent when it is absent or {@linkplain #isBlank blank},
     * otherwise checked by {@link #singleLine}. {@code value} itself must not be null (rule
     * {@code required}).
     */
    public static Optional<String> optionalSingleLine(String field, Optional<String> value, int maxLength) {
        return Validate.notNull(field, value).filter(v -> !isBlank(v)).map(v -> singleLine(field, v, maxLength));
    }

    /** An optional multi-line value: absent when absent or blank, otherwise checked by {@link #multiLine}. */
    public static Optional<String> optionalMultiLine(String field, Optional<String> value, int maxLength) {
        return Validate.notNull(field, value).filter(v -> !isBlank(v)).map(v -> multiLine(field, v, maxLength));
    }

    /**
     * True when {@code value} is empty or holds only Unicode white space ({@link #isWhiteSpace}),
     * no-break and ideographic spaces included. The one definition of blank of the whole library.
     */
    public static boolean isBlank(String value) {
        return value.codePoints().allMatch(Text::isWhiteSpace);
    }

    /**
     * True for the code points of Unicode's {@code White_Space} property: tab, line feed, VT, FF,
     * CR, NEL, every space separator (no-break U+00A0, U+2007, U+202F and ideographic U+3000
     * included), U+2028 and U+2029. The information separators U+001C..U+001F, which {@link
     * Character#isWhitespace} counts, are control characters here.
     */
    public static boolean isWhiteSpace(int cp) {
        return UCharacter.isUWhiteSpace(cp);
    }

    /**
     * Removes leading and trailing white space, exactly what {@link #isBlank} counts as blank (so
     * "VIP" and "VIP\u00A0" are the same name). Other control characters are not trimmed: {@link
     * #singleLine} refuses them wherever they are.
     */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end) {
            int cp = value.codePointAt(start);
            if (!isWhiteSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = value.codePointBefore(end);
            if (!isWhiteSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return value.substring(start, end);
    }

    /**
     * Refuses more than {@code max} combining marks in a row on one base character (rule {@code
     * combining_marks}): stacks of marks ("Zalgo" text) overflow the lines around them. Returns
     * {@code value}.
     */
    public static String limitCombiningMarks(String field, String value, int max) {
        int run = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            run = isMark(cp) ? run + 1 : 0;
            if (run > max) {
                throw new ValidationException(field, "combining_marks",
                        "at most " + max + " combining marks on one character");
            }
        }
        return value;
    }

    /**
     * Folds text for searching and sorting: decomposed (NFD), combining marks ({@link #isMark})
     * removed, lower case ({@link #lowerCase}). {@code "Émile"} and {@code "emile"} fold to the same
     * string. The result can be longer than the input, at most {@value #MAX_FOLDED_BYTES_PER_CODE_POINT}
     * UTF-8 bytes per code point of the input.
     */
    public static String fold(String value) {
        String decomposed = NFD.normalize(value);
        StringBuilder kept = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (!isMark(cp)) {
                kept.appendCodePoint(cp);
            }
        }
        return lowerCase(kept.toString());
    }

    /**
     * The Unicode normalization form C of {@code value}, by ICU's tables (the JDK's {@link
     * java.text.Normalizer} leaves code points it does not know yet unnormalized).
     */
    public static String nfc(String value) {
        return NFC.normalize(value);
    }

    /** Full lower-case mapping of {@code value} in the root locale, by ICU's tables. */
    public static String lowerCase(String value) {
        return UCharacter.toLowerCase(ULocale.ROOT, value);
    }

    /**
     * Full default case folding of {@code value} ({@code ß} becomes {@code ss}, {@code ſ} {@code
     * s}, the Kelvin sign {@code k}), by ICU's tables: for caseless matching.
     */
    public static String foldCase(String value) {
        return UCharacter.foldCase(value, UCharacter.FOLD_CASE_DEFAULT);
    }

    /** True for a letter: general category {@code L} (Lu, Ll, Lt, Lm, Lo), by ICU's tables. */
    public static boolean isLetter(int cp) {
        return UCharacter.isLetter(cp);
    }

    /** True for a number: general category {@code N} (Nd, Nl, No), by ICU's tables. */
    public static boolean isNumber(int cp) {
        int type = UCharacter.getType(cp);
        return type == UCharacterCategory.DECIMAL_DIGIT_NUMBER
                || type == UCharacterCategory.LETTER_NUMBER
                || type == UCharacterCategory.OTHER_NUMBER;
    }

    /**
     * The value of a decimal digit (general category {@code Nd}, of any script: {@code 7}, full-width
     * {@code ７}, Devanagari {@code ७}, Kawi {@code 𑽗}), or -1 for any other code point; by ICU's tables.
     */
    public static int decimalDigit(int cp) {
        return UCharacter.digit(cp);
    }

    /**
     * True for a combining mark: general category {@code M} (Mn, Mc, Me), by ICU's tables.
     */
    public static boolean isMark(int cp) {
        int type = UCharacter.getType(cp);
        return type == UCharacterCategory.NON_SPACING_MARK
                || type == UCharacterCategory.COMBINING_SPACING_MARK
                || type == UCharacterCategory.ENCLOSING_MARK;
    }

    /** True for a space separator: general category {@code Zs}, by ICU's tables. */
    public static boolean isSpaceSeparator(int cp) {
        return UCharacter.getType(cp) == UCharacterCategory.SPACE_SEPARATOR;
    }

    /**
     * True for Unicode's {@code Default_Ignorable_Code_Point}s, which render as nothing: the Hangul
     * fillers U+115F, U+1160, U+3164 and U+FFA0, the zero-width joiner and non-joiner, the soft hyphen,
     * variation selectors, the combining grapheme joiner, and the like.
     */
    public static boolean isDefaultIgnorable(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /**
     * The code points of a set given in ICU's {@link UnicodeSet} syntax (for example {@code [:L:]},
     * {@code [:Nd:]}), by ICU's tables, as the inside of a {@code java.util.regex} character class:
     * {@code "[" + regexRanges("[:L:]") + "]"} matches what {@code \p{L}} matches, but the same way on
     * every JDK. Only for patterns compiled without {@code CASE_INSENSITIVE}, which would widen the
     * class by the JDK's case tables; match a {@link #foldCase folded} text instead.
     */
    public static String regexRanges(String unicodeSet) {
        UnicodeSet set = new UnicodeSet(unicodeSet).freeze();
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < set.getRangeCount(); r++) {
            int start = set.getRangeStart(r);
            int end = set.getRangeEnd(r);
            out.append("\\x{").append(Integer.toHexString(start)).append('}');
            if (end > start) {
                out.append("-\\x{").append(Integer.toHexString(end)).append('}');
            }
        }
        return out.toString();
    }

    /** The Unicode version of every rule here: ICU4J's, whatever the JDK's ({@code "17.0"} with ICU4J 78). */
    public static String unicodeVersion() {
        var version = UCharacter.getUnicodeVersion();
        return version.getMajor() + "." + version.getMinor();
    }

    /**
     * Folds width and nothing else: each character whose compatibility decomposition is of type
     * {@code <wide>} or {@code <narrow>} (the Halfwidth and Fullwidth Forms block, and the
     * ideographic space) becomes the character it is a wide or narrow form of ({@code ａ} becomes
     * {@code a}, {@code ＠} {@code @}, half-width {@code ｶ} full-width {@code カ}). Unlike NFKC it
     * leaves ligatures, superscripts, circled letters and the like alone. The result may need NFC
     * (a half-width voiced sound mark becomes a combining one).
     */
    public static String foldWidth(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            int type = UCharacter.getIntPropertyValue(cp, UProperty.DECOMPOSITION_TYPE);
            if (type == UCharacter.DecompositionType.WIDE || type == UCharacter.DecompositionType.NARROW) {
                out.append(COMPATIBILITY.getRawDecomposition(cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Collapses every run of tabs and space separators ({@link #isSpaceSeparator}: no-break and
     * ideographic spaces included) into one space.
     */
    public static String collapseSpaces(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean inRun = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            boolean space = cp == '\t' || isSpaceSeparator(cp);
            if (!space) {
                out.appendCodePoint(cp);
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = space;
        }
        return out.toString();
    }

    /** True for CR, LF, VT, FF, NEL, U+2028 and U+2029. */
    public static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85
                || cp == 0x2028 || cp == 0x2029;
    }

    /** Invisible but neither white space nor a mark: it neither ends a word nor carries a mark. */
    private static boolean isTransparent(int cp) {
        return cp == BRAILLE_BLANK || isDefaultIgnorable(cp);
    }

    /**
     * Line breaks are refused before trimming, so one at either end is refused rather than
     * silently dropped (a subject ending in CRLF is an injection attempt, not a typo).
     */
    private static void refuseLineBreaks(String field, String value, boolean allowLf) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (isLineBreak(cp) && !(allowLf && cp == '\n')) {
                throw new ValidationException(field, "line_break", "line breaks are not allowed");
            }
        }
    }

    private static String checked(String field, String trimmed, boolean multiLine, int maxLength) {
        boolean visible = false;
        boolean loneMark = false;
        // whether a mark here would sit on a base character: transparent code points (joiners,
        // fillers) neither provide a base nor take it away, white space takes it away
        boolean base = false;
        for (int i = 0; i < trimmed.length(); ) {
            int cp = trimmed.codePointAt(i);
            i += Character.charCount(cp);
            if (isForbidden(cp) && !(multiLine && (cp == '\t' || cp == '\n'))) {
                throw new ValidationException(field, "forbidden_character",
                        "contains a control, formatting or unassigned character (U+"
                                + String.format("%04X", cp) + ")");
            }
            if (isWhiteSpace(cp)) {
                base = false;
            } else if (isMark(cp)) {
                loneMark |= !base;
            } else if (!isTransparent(cp)) {
                base = true;
                visible = true;
            }
        }
        if (!trimmed.isEmpty() && !visible) {
            throw new ValidationException(field, "invisible", "has no visible character");
        }
        if (loneMark) {
            throw new ValidationException(field, "lone_combining_mark",
                    "a combining mark must follow the character it belongs to");
        }
        return Validate.maxLength(field, trimmed, maxLength);
    }

    private static boolean isForbidden(int cp) {
        if (cp == 0x200C || cp == 0x200D) {
            // zero-width (non-)joiners are part of correct spelling in Persian, Indic scripts
            return false;
        }
        // ICU's category numbers differ from java.lang.Character's (PRIVATE_USE, SURROGATE, ...):
        // only UCharacterCategory's constants go with UCharacter.getType
        int type = UCharacter.getType(cp);
        return type == UCharacterCategory.CONTROL
                || type == UCharacterCategory.FORMAT
                || type == UCharacterCategory.UNASSIGNED
                || type == UCharacterCategory.SURROGATE
                || type == UCharacterCategory.PRIVATE_USE
                || type == UCharacterCategory.LINE_SEPARATOR
                || type == UCharacterCategory.PARAGRAPH_SEPARATOR;
    }
}
