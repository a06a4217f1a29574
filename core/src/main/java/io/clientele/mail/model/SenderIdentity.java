package io.clientele.mail.model;

import io.clientele.common.DomainNames;
import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.util.Optional;

/**
 * Who a mail is from, as its headers say it: the display name and address of {@code From}, and
 * the optional {@code Reply-To} address. The invitation context resolves it from the tenant's
 * settings: the studio's own address, or the platform's address with the studio's name as display
 * name, and the studio's reply-to address if it set one. An SMTP adapter or a host's mail provider
 * reads it per mail, so each studio's mail can go out under its own name and be signed (DKIM) for
 * the domain of its address ({@link #asciiDomain()}).
 *
 * <p>Header-safe by construction, whatever the composer or sender does with it: the display name
 * is one line of 1 to {@value #MAX_DISPLAY_NAME} characters by the rules of {@link
 * Text#singleLine} (no CR, LF or other line break, no control or format character, letters of any
 * script allowed; an adapter encodes it as RFC 2047 requires); each address is one line of at most
 * {@value #MAX_ADDRESS} characters with exactly one {@code @} between a non-empty local part and a
 * valid domain name ({@link DomainNames}), and holds no white space and none of {@code " ( ) , : ;
 * < > [ \ ]}, so it cannot close an address or start another header (rule {@code format}). The
 * addresses come from validated {@code EmailAddress} values upstream (domain in Unicode form); this
 * check is the mail context's own last line. Fields {@code displayName}, {@code address} and
 * {@code replyTo}.
 *
 * <p>Immutable and thread-safe.
 */
public record SenderIdentity(String displayName, String address, Optional<String> replyTo) {

    /** The longest display name, in characters. */
    public static final int MAX_DISPLAY_NAME = 100;
    /** The longest address, in characters (RFC 5321 path limit less the brackets). */
    public static final int MAX_ADDRESS = 254;

    /** Characters that end or split a mailbox in a header: RFC 5322 specials other than '@' and '.'. */
    private static final String HEADER_SPECIALS = "\"(),:;<>[\\]";

    public SenderIdentity {
        displayName = Text.singleLine("displayName", Validate.notBlank("displayName", displayName),
                MAX_DISPLAY_NAME);
        address = mailbox("address", address);
        replyTo = Validate.notNull("replyTo", replyTo).map(value -> mailbox("replyTo", value));
    }

    /** A sender without a reply-to address: replies go to {@code address}. */
    public SenderIdentity(String displayName, String address) {
        this(displayName, address, Optional.empty());
    }

    /** The domain of the {@code From} address as it holds it (Unicode form for an internationalized one). */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /**
     * The domain of the {@code From} address in ASCII form ({@code xn--} labels): the domain a
     * DKIM signature for this mail is made for, and the one to look up the studio's signing key by.
     */
    public String asciiDomain() {
        return DomainNames.normalize("address", domain()).ascii();
    }

    private static String mailbox(String field, String value) {
        String text = Text.singleLine(field, Validate.notBlank(field, value), MAX_ADDRESS);
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            throw new ValidationException(field, "format", "expected one '@' between a local part and a domain");
        }
        text.codePoints().forEach(cp -> {
            if (Text.isWhiteSpace(cp) || HEADER_SPECIALS.indexOf(cp) >= 0) {
                throw new ValidationException(field, "format", "white space or a header special character");
            }
        });
        DomainNames.normalize(field, text.substring(at + 1));
        return text;
    }
}
