package io.clientele.client.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;

/**
 * A client's first and last name. Each part is NFC-normalized, trimmed, has runs of spaces
 * collapsed, and holds 1 to {@value #MAX_LENGTH} characters: letters of any script, combining
 * marks, spaces, apostrophes ({@code ' ’ ʼ}), hyphens and periods. Digits, symbols, control
 * characters, line breaks and bidirectional overrides are refused, and so are, with the rules of
 * {@link Text#singleLine}, a part with no visible character ({@code invisible}: Hangul fillers,
 * lone joiners, marks without a base) and a combining mark after a space ({@code
 * lone_combining_mark}). More than {@value Text#MAX_COMBINING_MARKS} combining marks in a row on one
 * letter are refused (rule {@code combining_marks}): no script needs more, stacked "Zalgo" text does.
 * What counts as a letter or a mark is ICU's decision (Unicode 17), not the JDK's: a name in a
 * script newer than the running JDK (Kawi, Nag Mundari, Garay, ...) is accepted on every JDK, an
 * unassigned code point refused on every JDK (see {@link Text}).
 *
 * <p>Immutable and thread-safe.
 */
public record PersonName(String firstName, String lastName) {

    /** The longest accepted part, in characters. */
    public static final int MAX_LENGTH = 100;

    public PersonName {
        firstName = part("firstName", firstName);
        lastName = part("lastName", lastName);
    }

    /** "First Last", for display. */
    public String fullName() {
        return firstName + " " + lastName;
    }

    private static String part(String field, String raw) {
        String value = Text.collapseSpaces(Text.singleLine(field, Validate.notBlank(field, raw), MAX_LENGTH));
        Text.limitCombiningMarks(field, value, Text.MAX_COMBINING_MARKS);
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (!allowed(cp)) {
                throw new ValidationException(field, "characters",
                        "only letters, spaces, apostrophes, hyphens and periods are allowed");
            }
        }
        if (!value.codePoints().anyMatch(Text::isLetter)) {
            throw new ValidationException(field, "characters", "must contain a letter");
        }
        return value;
    }

    private static boolean allowed(int cp) {
        return Text.isLetter(cp)
                || Text.isMark(cp)
                || cp == ' ' || cp == '\'' || cp == '\u2019' || cp == '\u02BC'
                || cp == '-' || cp == '\u2010' || cp == '.'
                || cp == 0x200C || cp == 0x200D || cp == 0x30FB;
    }
}
