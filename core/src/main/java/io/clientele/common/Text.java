package io.clientele.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for free text entered by people: NFC normalization and refusal of characters that have
 * no place in user data (control characters, line separators where a single line is expected,
 * bidirectional overrides and isolates, unassigned code points, lone surrogates, private use).
 * Stateless and thread-safe.
 */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Text() {
    }

    /**
     * Normalizes a single-line value to NFC, refuses forbidden characters anywhere (leading and
     * trailing ones included), then trims it.
     * CR, LF, NEL, U+2028 and U+2029 are refused (rule {@code line_break}); other control, format
     * (bidi overrides among them), unassigned, surrogate and private-use characters are refused
     * (rule {@code forbidden_character}).
     */
    public static String singleLine(String field, String value, int maxLength) {
        Validate.notNull(field, value);
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        refuseLineBreaks(field, normalized);
        String trimmed = trim(normalized);
        check(field, trimmed, false);
        return Validate.maxLength(field, trimmed, maxLength);
    }

    /**
     * Like {@link #singleLine} but allows line feeds (CRLF and CR are converted to LF) and tabs,
     * for notes and messages. Leading and trailing blank lines are trimmed.
     */
    public static String multiLine(String field, String value, int maxLength) {
        Validate.notNull(field, value);
        String unified = value.replace("\r\n", "\n").replace('\r', '\n');
        String trimmed = trim(Normalizer.normalize(unified, Normalizer.Form.NFC));
        check(field, trimmed, true);
        return Validate.maxLength(field, trimmed, maxLength);
    }

    /**
     * Removes leading and trailing spaces (every Unicode space separator, no-break spaces included,
     * so "VIP" and "VIP\u00A0" are the same name), tabs and line feeds. Other control characters
     * are not trimmed: {@link #singleLine} refuses them wherever they are.
     */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end) {
            int cp = value.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = value.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return value.substring(start, end);
    }

    /**
     * Folds text for searching and sorting: decomposed (NFD), combining marks removed, lower case.
     * {@code "Émile"} and {@code "emile"} fold to the same string.
     */
    public static String fold(String value) {
        return MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Collapses every run of white space (no-break spaces included) into one space. */
    public static String collapseSpaces(String value) {
        return value.replaceAll("[\\t\\p{Zs}]+", " ");
    }

    private static boolean isSpace(int cp) {
        return cp == '\t' || cp == '\n' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    private static void refuseLineBreaks(String field, String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (isLineBreak(cp)) {
                throw new ValidationException(field, "line_break", "line breaks are not allowed");
            }
        }
    }

    private static void check(String field, String value, boolean multiLine) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (isLineBreak(cp)) {
                if (multiLine && cp == '\n') {
                    continue;
                }
                throw new ValidationException(field, "line_break", "line breaks are not allowed");
            }
            if (multiLine && cp == '\t') {
                continue;
            }
            if (isForbidden(cp)) {
                throw new ValidationException(field, "forbidden_character",
                        "contains a control, formatting or unassigned character (U+"
                                + String.format("%04X", cp) + ")");
            }
        }
    }

    /** True for CR, LF, VT, FF, NEL, U+2028 and U+2029. */
    public static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85
                || cp == 0x2028 || cp == 0x2029;
    }

    private static boolean isForbidden(int cp) {
        if (cp == 0x200C || cp == 0x200D) {
            // zero-width (non-)joiners are part of correct spelling in Persian, Indic scripts
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
