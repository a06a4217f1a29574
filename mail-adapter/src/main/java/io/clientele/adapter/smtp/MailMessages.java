package io.clientele.adapter.smtp;

import io.clientele.common.ValidationException;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SenderIdentity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns a {@link RenderedMail} into the MIME message {@link SmtpMailSender} hands to the server:
 * {@code multipart/alternative} with a {@code text/plain} then a {@code text/html} part, both
 * UTF-8; the subject RFC 2047-encoded when it is not ASCII; {@code From} with its display name
 * encoded likewise, {@code Reply-To}, {@code To}; {@code Date} from the injected clock, in its zone;
 * a {@code Message-ID} of 128 random bits on the ASCII domain of the {@code From} address; the
 * mail's extra headers (for invitations {@code List-Unsubscribe} and {@code List-Unsubscribe-Post});
 * the platform address as envelope sender. Addresses go out with their domain in ASCII ({@code
 * xn--}) form.
 *
 * <p>A studio address on a domain the platform may not send for ({@link SmtpConfig#senderDomains()})
 * is replaced in {@code From} by the platform address, under the studio's display name, and the
 * studio's reply-to address, or else its own address, becomes {@code Reply-To}.
 *
 * <p>Thread-safe: a message is built per call, and the random source and the clock are
 * thread-safe.
 */
final class MailMessages {

    /** RFC 5322 date-time, English names whatever the default locale. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.US);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final Session session;
    private final SmtpConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String envelopeFrom;

    MailMessages(Session session, SmtpConfig config, Clock clock) {
        this.session = session;
        this.config = config;
        this.clock = clock;
        this.envelopeFrom = HeaderText.mailbox("platformAddress", config.platformAddress());
    }

    /**
     * A mail that passed the checks, with its headers resolved: recipient, {@code From} after the
     * platform-address rewrite, {@code Reply-To}, and the extra headers in name order.
     */
    record Prepared(RenderedMail mail, InternetAddress to, InternetAddress from, Optional<InternetAddress> replyTo,
            Map<String, String> headers) {
    }

    /**
     * Checks every header value of {@code mail} ({@link SmtpMailSender#checkHeaders}), and that the
     * subject and the display name hold no RFC 2047 encoded word; the first
     * broken rule is a {@link ValidationException} naming the field ({@code to}, {@code subject},
     * {@code sender.displayName}, {@code sender.address}, {@code sender.replyTo}, {@code headers}
     * for a bad header name, {@code headers.<name>} for a bad value).
     */
    static void check(RenderedMail mail) {
        HeaderText.mailbox("to", mail.to());
        HeaderText.withoutEncodedWord("subject", HeaderText.check("subject", mail.subject()));
        SenderIdentity sender = mail.sender();
        HeaderText.withoutEncodedWord("sender.displayName",
                HeaderText.check("sender.displayName", sender.displayName()));
        HeaderText.mailbox("sender.address", sender.address());
        sender.replyTo().ifPresent(r -> HeaderText.mailbox("sender.replyTo", r));
        for (Map.Entry<String, String> h : new TreeMap<>(mail.headers()).entrySet()) {
            String name = HeaderText.fieldName(h.getKey());
            HeaderText.check("headers." + name, h.getValue());
        }
    }

    /** Checks {@code mail} and resolves its headers; a {@link ValidationException} names what is wrong. */
    Prepared prepare(RenderedMail mail) {
        check(mail);
        SenderIdentity sender = mail.sender();
        String studio = HeaderText.mailbox("sender.address", sender.address());
        boolean own = config.maySendFrom(studio.substring(studio.lastIndexOf('@') + 1));
        Optional<String> replyTo = sender.replyTo().map(r -> HeaderText.mailbox("sender.replyTo", r));
        if (!own) {
            // replies must still reach the studio, whose address the From header no longer shows
            replyTo = Optional.of(replyTo.orElse(studio));
        }
        InternetAddress from = address("sender.address", own ? studio : envelopeFrom, sender.displayName());
        InternetAddress to = address("to", HeaderText.mailbox("to", mail.to()), null);
        Optional<InternetAddress> reply = replyTo.map(r -> address("sender.replyTo", r, null));
        return new Prepared(mail, to, from, reply, new TreeMap<>(mail.headers()));
    }

    /** The MIME message of a prepared mail, its headers saved. */
    SMTPMessage build(Prepared p) throws MessagingException {
        String fromAddress = p.from().getAddress();
        SMTPMessage message = new IdentifiedMessage(session, fromAddress.substring(fromAddress.lastIndexOf('@') + 1),
                random);
        message.setEnvelopeFrom(envelopeFrom);
        message.setFrom(p.from());
        if (p.replyTo().isPresent()) {
            message.setReplyTo(new InternetAddress[] {p.replyTo().get()});
        }
        message.setRecipient(Message.RecipientType.TO, p.to());
        message.setSubject(p.mail().subject(), UTF_8);
        message.setHeader("Date", DATE.format(ZonedDateTime.now(clock)));
        for (Map.Entry<String, String> h : p.headers().entrySet()) {
            String value = encode(h.getValue());
            message.setHeader(h.getKey(), MimeUtility.fold(h.getKey().length() + 2, value));
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(p.mail().textBody(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(p.mail().htmlBody(), UTF_8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static String encode(String value) {
        try {
            return MimeUtility.encodeText(value, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static InternetAddress address(String field, String ascii, String displayName) {
        try {
            InternetAddress address = displayName == null ? new InternetAddress(ascii, true)
                    : new InternetAddress(ascii, displayName, UTF_8);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new ValidationException(field, "format", "not an address a mail header can carry");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** A message whose {@code Message-ID} is random on the {@code From} domain, not on this host's name. */
    private static final class IdentifiedMessage extends SMTPMessage {
        private final String domain;
        private final SecureRandom random;

        IdentifiedMessage(Session session, String domain, SecureRandom random) {
            super(session);
            this.domain = domain;
            this.random = random;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            setHeader("Message-ID", "<" + HexFormat.of().formatHex(bytes) + "@" + domain + ">");
        }
    }
}
