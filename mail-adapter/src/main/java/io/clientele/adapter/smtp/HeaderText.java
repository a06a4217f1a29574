package io.clientele.adapter.smtp;

import io.clientele.common.DomainNames;
import io.clientele.common.Text;
import io.clientele.common.ValidationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The last line against header injection: what may go into a header of an outgoing mail, checked
 * on the raw strings the sender is handed whatever checked them upstream. A value must not hold a
 * line break (CR, LF, VT, FF, NEL U+0085, LINE SEPARATOR U+2028, PARAGRAPH SEPARATOR U+2029; rule
 * {@code line_break}), nor any other control character (C0, DEL, C1, the tab included) or a lone
 * surrogate (rule {@code forbidden_character}). A field name is RFC 5322 {@code ftext} (printable
 * ASCII but the colon; rule {@code field_name}) and not one the sender writes itself (rule {@code
 * reserved}). An address is one mailbox ({@link #mailbox}). Text a reader sees (the subject, a
 * display name) must not hold an RFC 2047 encoded word ({@link #withoutEncodedWord}). Refusals
 * name the field and the rule, never the value. Stateless and thread-safe.
 */
final class HeaderText {

    /** The longest header field name: one line of RFC 5322 less the colon. */
    static final int MAX_FIELD_NAME = 76;

    /**
     * Fields the sender writes itself, which an extra header must not add a second copy of or
     * override (a second {@code From} would undo the platform-address rewrite; a {@code Bcc} or
     * {@code To} would show other recipients).
     */
    private static final Set<String> RESERVED = Set.of("from", "sender", "reply-to", "to", "cc", "bcc", "subject",
            "date", "message-id", "return-path", "received", "mime-version", "content-type",
            "content-transfer-encoding", "content-id", "content-disposition", "content-description");

    /**
     * An RFC 2047 encoded word ({@code =?charset?Q?text?=} or {@code ?B?}): what mail clients decode
     * into other text, even inside a quoted display name where RFC 2047 forbids it.
     */
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

    /** Characters that end or split a mailbox in a header: RFC 5322 specials other than '@' and '.'. */
    private static final String ADDRESS_SPECIALS = "\"(),:;<>[\\]";

    private HeaderText() {
    }

    /** Refuses a line break or another control character in {@code value}; returns it. */
    static String check(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "required", "a value is required");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isLineBreak(c)) {
                throw new ValidationException(field, "line_break",
                        "a header value must not hold CR, LF, NEL, U+2028, U+2029 or another line break");
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                throw new ValidationException(field, "forbidden_character",
                        "a header value must not hold a control character (U+" + hex(c) + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValidationException(field, "forbidden_character", "a lone surrogate cannot be encoded");
            }
        }
        return value;
    }

    /**
     * Refuses {@code value} if it holds an RFC 2047 encoded word (rule {@code encoded_word}); returns
     * it. An ASCII value goes out as it is, so an encoded word in it reaches the reader's client,
     * which decodes it into text none of these checks saw (a line break, a bidi override, another
     * name); the sender encodes non-ASCII text itself, so a caller never needs to.
     */
    static String withoutEncodedWord(String field, String value) {
        if (ENCODED_WORD.matcher(value).find()) {
            throw new ValidationException(field, "encoded_word",
                    "text shaped like an RFC 2047 encoded word would reach the reader as other text");
        }
        return value;
    }

    /** Checks an extra header's field name (field {@code headers}); returns it. */
    static String fieldName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_FIELD_NAME) {
            throw new ValidationException("headers", "field_name",
                    "a header name is 1 to " + MAX_FIELD_NAME + " printable ASCII characters without ':'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new ValidationException("headers", "field_name",
                        "a header name is printable ASCII without ':' (RFC 5322 ftext)");
            }
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new ValidationException("headers." + name, "reserved", "the sender writes this header itself");
        }
        return name;
    }

    /**
     * Checks one mailbox and answers it in ASCII form ({@code xn--} domain labels): header-safe by
     * {@link #check}, exactly one {@code @} between a non-empty local part and a valid domain, no
     * white space nor any of {@code " ( ) , : ; < > [ \ ]} (rule {@code format}), and an ASCII
     * local part (rule {@code ascii_local_part}), since this sender does not use SMTPUTF8.
     */
    static String mailbox(String field, String address) {
        check(field, address);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.indexOf('@') != at) {
            throw new ValidationException(field, "format", "expected one '@' between a local part and a domain");
        }
        address.codePoints().forEach(cp -> {
            if (Text.isWhiteSpace(cp) || ADDRESS_SPECIALS.indexOf(cp) >= 0) {
                throw new ValidationException(field, "format", "white space or a header special character");
            }
        });
        String local = address.substring(0, at);
        String domain = DomainNames.normalize(field, address.substring(at + 1)).ascii();
        if (!local.chars().allMatch(c -> c < 128)) {
            throw new ValidationException(field, "ascii_local_part",
                    "a local part beyond ASCII needs SMTPUTF8, which this sender does not use");
        }
        return local + "@" + domain;
    }

    private static boolean isLineBreak(char c) {
        return c == '\r' || c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static String hex(char c) {
        return String.format(Locale.ROOT, "%04X", (int) c);
    }
}
