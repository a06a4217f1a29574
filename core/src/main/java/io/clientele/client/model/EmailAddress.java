package io.clientele.client.model;

import io.clientele.common.DomainNames;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An email address in its canonical form, so that every spelling of one mailbox gives one {@link
 * #value()}: {@code ana@bücher.de}, {@code ANA@xn--bcher-kva.de} and {@code ａｎａ＠ｂüｃｈｅｒ．ｄｅ} are
 * all {@code ana@bücher.de}.
 *
 * <p><b>Normalization.</b> The input is trimmed and NFC-normalized (the rules of {@link
 * Text#singleLine}). The domain goes through UTS #46 ({@link DomainNames}), which maps case, width
 * and other compatibility forms; the canonical value carries its Unicode form, and {@link
 * #asciiDomain()} its ASCII form. The local part only gets the compatibility folding that cannot
 * change the mailbox meant: the Halfwidth and Fullwidth Forms (decomposition types {@code <wide>}
 * and {@code <narrow>}: full-width Latin letters, digits, {@code ＠} and {@code ．}, half-width
 * katakana) are folded to their usual width, then NFC and lower case. General NFKC is not applied
 * to the local part: it would turn a ligature {@code ﬁ} into {@code fi} or a superscript {@code ²}
 * into {@code 2}, and a mail server may well treat those as other mailboxes.
 *
 * <p><b>Rules</b> (rule {@code format} unless said): one {@code @}; the local part is a dot-atom of
 * RFC 5322 atext, letters, marks and digits of any script allowed (RFC 6531, by ICU's tables), at
 * most {@value #MAX_LOCAL_OCTETS} octets in UTF-8; quoted local parts, comments and IP-literal
 * domains are refused. So that no address looks like another one, the local part holds no
 * default-ignorable code point ({@link Text#isDefaultIgnorable}: the Hangul fillers U+115F, U+1160,
 * U+3164 and U+FFA0, which are letters, the joiners, variation selectors, the combining grapheme
 * joiner, ...; {@code ana\u3164@example.com} would otherwise be a second mailbox that shows as
 * {@code ana@example.com}), no combining mark at the start of a dot-separated part (on the dot), and
 * at most {@value Text#MAX_COMBINING_MARKS} combining marks in a row on one character, as in names
 * (rule {@code combining_marks}); every part of the local part therefore starts with a visible
 * character. The domain is a valid UTS #46 name of at least two labels whose last label is not all
 * digits; the whole address is at most {@value #MAX_OCTETS} octets with the ASCII form of the domain
 * (rule {@code max_length}, also for more than {@value #MAX_OCTETS} characters as typed).
 *
 * <p>Two clients of one tenant cannot share an address while neither is erased; comparison is on
 * the canonical {@link #value()}. Immutable and thread-safe.
 */
public record EmailAddress(String value) {

    /** The longest address, in octets with the ASCII domain (RFC 5321 path limit less the brackets). */
    public static final int MAX_OCTETS = 254;
    /** The longest local part, in octets of UTF-8 (RFC 5321). */
    public static final int MAX_LOCAL_OCTETS = 64;

    /** Letters, marks and numbers as ICU defines them, and RFC 5322 atext. */
    private static final String ATEXT = "[" + Text.regexRanges("[[:L:][:M:][:N:]]") + "!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL = Pattern.compile(ATEXT + "(\\." + ATEXT + ")*");
    /**
     * The same grammar for an all-ASCII local part, which is what nearly every address has: the
     * only ASCII letters, marks and numbers are {@code A-Z}, {@code a-z} and {@code 0-9}, so both
     * patterns accept the same ASCII strings. {@link #LOCAL}'s class holds hundreds of Unicode
     * ranges, which {@link Pattern} tests one after the other for every character: reading a
     * campaign chunk's clients spent most of its time there.
     */
    private static final Pattern ASCII_LOCAL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    public EmailAddress {
        String text = Text.foldWidth(Text.singleLine("email", Validate.notBlank("email", value), MAX_OCTETS));
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            throw new ValidationException("email", "format", "expected one '@' between a local part and a domain");
        }
        String local = Text.nfc(Text.lowerCase(Text.nfc(text.substring(0, at))));
        String rawDomain = text.substring(at + 1);
        // lower-casing can lengthen a string (U+0130), so the typed length is checked again on the
        // result before the domain is processed
        Validate.maxLength("email", local + "@" + Text.lowerCase(rawDomain), MAX_OCTETS);
        if (utf8Length(local) > MAX_LOCAL_OCTETS || !(isAscii(local) ? ASCII_LOCAL : LOCAL).matcher(local).matches()) {
            throw new ValidationException("email", "format", "the part before '@' is not a valid mailbox name");
        }
        refuseLookalikes(local);
        DomainNames.Forms domain = DomainNames.normalize("email", rawDomain);
        String[] labels = domain.ascii().split("\\.", -1);
        if (labels.length < 2) {
            throw new ValidationException("email", "format", "the domain needs at least two labels");
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ValidationException("email", "format", "the top-level domain cannot be numeric");
        }
        if (utf8Length(local) + 1 + domain.ascii().length() > MAX_OCTETS) {
            throw new ValidationException("email", "max_length",
                    "at most " + MAX_OCTETS + " octets with the ASCII form of the domain");
        }
        value = local + "@" + domain.unicode();
    }

    /** Parses and normalizes an address. */
    public static EmailAddress of(String raw) {
        return new EmailAddress(raw);
    }

    /** The local part, before {@code @}, normalized. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    /** The domain part, after {@code @}, in its Unicode form ({@code bücher.de}). */
    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    /** The domain in its ASCII form ({@code xn--bcher-kva.de}), as DNS and SMTP without SMTPUTF8 take it. */
    public String asciiDomain() {
        return DomainNames.normalize("email", domain()).ascii();
    }

    /**
     * The address with the ASCII form of the domain ({@code ana@xn--bcher-kva.de}): what a mail
     * sender gives a server that does not offer SMTPUTF8. A non-ASCII local part still needs
     * SMTPUTF8; there is no ASCII form of it.
     */
    public String valueWithAsciiDomain() {
        return localPart() + "@" + asciiDomain();
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * The dot-atom grammar lets through letters and marks that show nothing, or show on something
     * else; refused here so that the address people see is the mailbox it names.
     */
    private static void refuseLookalikes(String local) {
        boolean partStart = true;
        for (int i = 0; i < local.length(); ) {
            int cp = local.codePointAt(i);
            i += Character.charCount(cp);
            if (Text.isDefaultIgnorable(cp)) {
                throw new ValidationException("email", "format",
                        "the part before '@' holds an invisible character (U+" + String.format("%04X", cp) + ")");
            }
            if (partStart && Text.isMark(cp)) {
                throw new ValidationException("email", "format",
                        "a combining mark in the part before '@' must follow a letter or digit, not a dot");
            }
            partStart = cp == '.';
        }
        Text.limitCombiningMarks("email", local, Text.MAX_COMBINING_MARKS);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
