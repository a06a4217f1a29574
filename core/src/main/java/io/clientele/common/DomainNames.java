package io.clientele.common;

import com.ibm.icu.text.IDNA;
import java.util.Set;

/**
 * Internationalized domain names processed as Unicode Technical Standard #46 says (IDNA 2008 with
 * the UTS #46 mapping), through ICU: every spelling of one domain ({@code bücher.de}, {@code
 * BÜCHER.DE}, {@code xn--bcher-kva.de}, full-width {@code ｂüｃｈｅｒ．ｄｅ}) gives one ASCII form and
 * one Unicode form. The JDK's {@code java.net.IDN} implements only the older IDNA 2003.
 *
 * <p>Processing is nontransitional (so {@code ß}, {@code ς}, and the joiners stay what they are,
 * as IDNA 2008 has them), with the STD3 ASCII rules (letters, digits and hyphens only), the hyphen
 * rules, the bidi rule (RFC 5893), and the contextual rules for joiners (CONTEXTJ) and other
 * characters (CONTEXTO) of RFC 5892. Any error is a {@link ValidationException} with rule {@code
 * format}: a label longer than 63 octets in its ASCII form, a domain longer than 253, an empty
 * label (a trailing dot included), a label that starts with a combining mark, an {@code xn--}
 * label that is not valid Punycode or does not decode to a valid label, a hyphen at the start or
 * end of a label or in its third and fourth positions, a disallowed character, and a break of the
 * bidi or contextual rules. Its detail names the problem, never the value.
 *
 * <p>Stateless and thread-safe (ICU's UTS #46 instance is immutable).
 */
public final class DomainNames {

    /** The longest label, in octets of its ASCII form (RFC 1035). */
    public static final int MAX_LABEL_OCTETS = 63;

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);

    private DomainNames() {
    }

    /**
     * A domain name in its two canonical forms: {@code ascii} (A-labels, lower case, what DNS and
     * an SMTP server without SMTPUTF8 take) and {@code unicode} (U-labels, for people, and the form
     * two spellings of one domain share).
     *
     * @param ascii the ASCII form, for example {@code xn--bcher-kva.de}
     * @param unicode the Unicode form, for example {@code bücher.de}
     */
    public record Forms(String ascii, String unicode) {
        public Forms {
            Validate.notNull("ascii", ascii);
            Validate.notNull("unicode", unicode);
        }
    }

    /**
     * Maps and checks a domain name; {@code field} names the input in a refusal (rule {@code
     * format}).
     */
    public static Forms normalize(String field, String domain) {
        Validate.notNull(field, domain);
        StringBuilder ascii = new StringBuilder(domain.length() + 8);
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(domain, ascii, info);
        refuseErrors(field, info.getErrors());
        // UTS #46 accepts the root's empty label at the end ("example.com."); an address does not
        for (String label : ascii.toString().split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new ValidationException(field, "format", "the domain has an empty label");
            }
        }
        StringBuilder unicode = new StringBuilder(domain.length());
        IDNA.Info back = new IDNA.Info();
        UTS46.nameToUnicode(ascii, unicode, back);
        refuseErrors(field, back.getErrors());
        return new Forms(ascii.toString(), unicode.toString());
    }

    private static void refuseErrors(String field, Set<IDNA.Error> errors) {
        if (errors.isEmpty()) {
            return;
        }
        // the set iterates in declaration order, so one input always gets the same reason
        throw new ValidationException(field, "format", reason(errors.iterator().next()));
    }

    private static String reason(IDNA.Error error) {
        switch (error) {
            case EMPTY_LABEL:
                return "the domain has an empty label";
            case LABEL_TOO_LONG:
                return "a label of the domain is longer than " + MAX_LABEL_OCTETS + " octets in its ASCII form";
            case DOMAIN_NAME_TOO_LONG:
                return "the domain is longer than 253 octets in its ASCII form";
            case LEADING_HYPHEN:
            case TRAILING_HYPHEN:
            case HYPHEN_3_4:
                return "a label of the domain starts or ends with a hyphen, or has hyphens in its third and fourth"
                        + " positions";
            case LEADING_COMBINING_MARK:
                return "a label of the domain starts with a combining mark";
            case PUNYCODE:
            case INVALID_ACE_LABEL:
                return "a label of the domain starting with xn-- is not the Punycode of a valid label";
            case BIDI:
                return "a label of the domain breaks the bidi rule for right-to-left text";
            case CONTEXTJ:
                return "a zero-width joiner or non-joiner in the domain is not where a script needs it";
            case CONTEXTO_PUNCTUATION:
            case CONTEXTO_DIGITS:
                return "a character of the domain is not in a context that allows it";
            default:
                return "the domain contains a character that domain names do not allow";
        }
    }
}
