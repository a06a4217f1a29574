package io.clientele.payment.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps card data out of Clientele: a full card number (PAN) or a card security code (CVC) is never
 * stored. Hosts describe saved methods the way their payment provider does (brand, last 4, a
 * provider reference); these checks catch a card number or CVC pasted into one of those fields.
 *
 * <p>A <em>card number</em> is a run of 12 to 19 digits that passes the Luhn check. Digits may be
 * separated by anything but letters and underscores, as people type them ({@code 4111 1111-1111
 * 1111}, {@code 4111.1111.1111.1111}, {@code (4111)1111/1111.1111}); any run of
 * consecutive digit groups counts, so a number followed by more digits after a space is still
 * found. Digits glued into one group of more than 19 (a long numeric id) are not read as a card
 * number. Any Unicode decimal digit counts (full-width digits too). About one in ten random 12 to
 * 19 digit numbers pass the Luhn check, so a purely numeric provider reference of that length may
 * be refused: providers that use such references are rare, and refusing is the safe side.
 *
 * <p>A <em>CVC</em> is a security code label ({@code cvc}, {@code cvv}, {@code cvc2}, {@code
 * cvv2}, {@code cav2}, {@code cvn}, {@code csc}, {@code cvd}, {@code security code}, {@code card
 * verification code/value}, any case, letters of the label possibly spaced: {@code c v c})
 * followed within 12 characters by 3 or 4 digits, possibly spaced ({@code cvc=123},
 * {@code CVV: 1234}, {@code CVC is 123}, {@code cvc: 1 2 3}).
 *
 * <p>The refusals never repeat the value. Stateless and thread-safe.
 */
public final class CardData {

    /** The rule a value carrying a full card number breaks. */
    public static final String CARD_NUMBER_NOT_ALLOWED = "card_number_not_allowed";
    /** The rule a value carrying a card security code breaks. */
    public static final String CVC_NOT_ALLOWED = "cvc_not_allowed";

    private static final int MIN_PAN = 12;
    private static final int MAX_PAN = 19;
    // letters, decimal digits and space separators as ICU's tables have them, not the JDK's, so a
    // value is judged the same on every JDK (Kawi or Garay digits are digits on JDK 17 too); the
    // text is case-folded by ICU before matching instead of a CASE_INSENSITIVE pattern
    private static final String LETTER = "[" + Text.regexRanges("[:L:]") + "]";
    private static final String DIGITS = Text.regexRanges("[:Nd:]");
    private static final String DIGIT = "[" + DIGITS + "]";
    private static final String SPACES = Text.regexRanges("[:Zs:]");
    private static final String GAP = "[" + SPACES + "_\\-]*";
    private static final String DIGIT_GAP = "[" + SPACES + ".\\-]?";
    private static final Pattern CVC = Pattern.compile(
            "(?<!" + LETTER + ")(?:c" + GAP + "v" + GAP + "[cv]2?|cav2|cvn2?|csc|cvd|security" + GAP + "code|card"
                    + GAP + "verification" + GAP + "(?:code|value))(?!" + LETTER + ")[^" + DIGITS + "]{0,12}?"
                    + DIGIT + "(?:" + DIGIT_GAP + DIGIT + "){2,3}(?!" + DIGIT_GAP + DIGIT + ")");

    private CardData() {
    }

    /**
     * Refuses a value carrying a card number (rule {@value #CARD_NUMBER_NOT_ALLOWED}) or a CVC
     * (rule {@value #CVC_NOT_ALLOWED}) with a {@link ValidationException} naming {@code field};
     * returns the value otherwise.
     */
    public static String refuseCardData(String field, String value) {
        Validate.notNull(field, value);
        if (containsCardNumber(value)) {
            throw new ValidationException(field, CARD_NUMBER_NOT_ALLOWED,
                    "looks like a full card number; store the provider's reference and the last 4 digits only");
        }
        if (containsCvc(value)) {
            throw new ValidationException(field, CVC_NOT_ALLOWED, "looks like it carries a card security code");
        }
        return value;
    }

    /** True when the text holds a run of 12 to 19 digits, separated by non-word characters, that passes the Luhn check. */
    public static boolean containsCardNumber(CharSequence text) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        boolean separated = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            int digit = Text.decimalDigit(cp);
            if (digit >= 0) {
                if (separated && chunk.length() > 0) {
                    chunks.add(chunk.toString());
                    chunk.setLength(0);
                }
                chunk.append((char) ('0' + digit));
                separated = false;
            } else if (Text.isLetter(cp) || cp == '_') {
                // letters and underscores (the word characters of identifiers such as
                // "src_2024-01-15_0042") end a group; any other character (space, dash, dot, slash,
                // comma, bracket, an invisible joiner) may separate the digits of one number
                if (endGroup(chunks, chunk)) {
                    return true;
                }
                separated = false;
            } else {
                separated = true;
            }
        }
        return endGroup(chunks, chunk);
    }

    /** True when the text holds a security code label followed by 3 or 4 digits. */
    public static boolean containsCvc(CharSequence text) {
        return CVC.matcher(Text.foldCase(text.toString())).find();
    }

    /** True when the ASCII digits pass the Luhn (mod 10) check. */
    public static boolean luhnValid(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }

    /** Ends a group of digit chunks: true when a run of consecutive chunks is a card number. */
    private static boolean endGroup(List<String> chunks, StringBuilder chunk) {
        if (chunk.length() > 0) {
            chunks.add(chunk.toString());
            chunk.setLength(0);
        }
        boolean found = false;
        for (int first = 0; first < chunks.size() && !found; first++) {
            StringBuilder run = new StringBuilder();
            for (int last = first; last < chunks.size(); last++) {
                run.append(chunks.get(last));
                if (run.length() > MAX_PAN) {
                    break;
                }
                if (run.length() >= MIN_PAN && luhnValid(run)) {
                    found = true;
                    break;
                }
            }
        }
        chunks.clear();
        return found;
    }

}
