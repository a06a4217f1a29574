package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.testkit.MutableClock;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a received mail looks like, parsed back from GreenMail's raw bytes with Jakarta Mail. */
class SmtpMessageFormatTest {

    private final MutableClock clock = MutableClock.standard();
    private TestSmtpServer server;

    @BeforeEach
    void startServer() {
        server = TestSmtpServer.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void a_received_mail_is_multipart_alternative_with_a_plain_text_then_an_html_part_both_utf8() throws Exception {
        String text = "Grüße aus Zürich, Zoë!\n\nÉtape 1 — activez : https://book.example/a?token=t\n😀\n";
        String html = "<p>Grüße aus Zürich, Zoë!</p>\n<p><a href=\"https://book.example/a?token=t\">Étape 1</a> 😀</p>";

        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example").bodies(text, html).build());

        assertThat(new ContentType(received.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        Multipart parts = (Multipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part plain = parts.getBodyPart(0);
        Part rich = parts.getBodyPart(1);
        assertThat(new ContentType(plain.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(new ContentType(plain.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        assertThat(lf((String) plain.getContent())).isEqualTo(text);
        assertThat(new ContentType(rich.getContentType()).getBaseType()).isEqualTo("text/html");
        assertThat(new ContentType(rich.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        assertThat(lf((String) rich.getContent())).isEqualTo(html);
    }

    @Test
    void a_non_ascii_subject_is_rfc2047_encoded_and_decodes_to_the_same_text() throws Exception {
        String subject = "Ihre Einladung – Studio Zoë ✓ " + "sehr lange Betreffzeile ".repeat(4).strip();

        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example").subject(subject).build());

        assertThat(received.getHeader("Subject")[0]).contains("=?UTF-8?").doesNotContain("Zoë");
        assertThat(received.getSubject()).isEqualTo(subject);
    }

    @Test
    void an_ascii_subject_goes_out_as_it_is() throws Exception {
        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example").subject("Your online account").build());

        assertThat(received.getHeader("Subject")).containsExactly("Your online account");
    }

    @Test
    void from_carries_the_studios_display_name_encoded_and_its_address_and_reply_to_its_reply_to() throws Exception {
        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example")
                .from("Café Zoë Yoga", "hello@studio-zen.example").replyTo("desk@studio-zen.example").build());

        assertThat(received.getHeader("From")[0]).contains("=?UTF-8?");
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Café Zoë Yoga");
        assertThat(from.getAddress()).isEqualTo("hello@studio-zen.example");
        assertThat(addresses(received.getReplyTo())).containsExactly("desk@studio-zen.example");
        assertThat(addresses(received.getRecipients(MimeMessage.RecipientType.TO)))
                .containsExactly("ana@clients.example");
    }

    @Test
    void without_a_reply_to_address_the_mail_has_no_reply_to_header() throws Exception {
        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example").build());

        assertThat(received.getHeader("Reply-To")).isNull();
    }

    @Test
    void message_id_is_random_on_the_ascii_domain_of_the_from_address() throws Exception {
        try (SmtpMailSender sender = SmtpMailSender.create(server.config().build(), clock)) {
            sender.send(List.of(TestMails.aMail("a@clients.example").build(),
                    TestMails.aMail("b@clients.example").build(),
                    TestMails.aMail("c@clients.example").from("Bücher Yoga", "hallo@bücher.example").build()));
        }
        List<MimeMessage> received = reparsed();

        String first = received.get(0).getMessageID();
        String second = received.get(1).getMessageID();
        assertThat(first).matches("<[0-9a-f]{32}@studio-zen\\.example>");
        assertThat(second).matches("<[0-9a-f]{32}@studio-zen\\.example>").isNotEqualTo(first);
        assertThat(received.get(2).getMessageID()).matches("<[0-9a-f]{32}@xn--bcher-kva\\.example>");
        assertThat(((InternetAddress) received.get(2).getFrom()[0]).getAddress())
                .isEqualTo("hallo@xn--bcher-kva.example");
    }

    @Test
    void date_comes_from_the_injected_clock_in_its_zone() throws Exception {
        MimeMessage utc = sendOne(TestMails.aMail("utc@clients.example").build());
        assertThat(utc.getHeader("Date")).containsExactly("Mon, 2 Mar 2026 09:00:00 +0000");
        assertThat(utc.getSentDate().toInstant()).isEqualTo(MutableClock.STANDARD_START);

        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        try (SmtpMailSender sender = SmtpMailSender.create(server.config().build(), paris)) {
            sender.send(List.of(TestMails.aMail("paris@clients.example").build()));
        }
        MimeMessage local = reparsed().get(1);
        assertThat(local.getHeader("Date")).containsExactly("Mon, 2 Mar 2026 10:00:00 +0100");
        assertThat(local.getSentDate().toInstant()).isEqualTo(MutableClock.STANDARD_START);
    }

    @Test
    void the_mails_extra_headers_go_out_unchanged() throws Exception {
        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example")
                .header("List-Unsubscribe", "<https://book.example/unsubscribe?tenant=zen&token=abc>")
                .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click").build());

        assertThat(received.getHeader("List-Unsubscribe"))
                .containsExactly("<https://book.example/unsubscribe?tenant=zen&token=abc>");
        assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    @Test
    void a_non_ascii_extra_header_value_is_rfc2047_encoded() throws Exception {
        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example").header("X-Studio", "Zoë Yoga").build());

        assertThat(received.getHeader("X-Studio")[0]).startsWith("=?UTF-8?");
        assertThat(MimeUtility.decodeText(received.getHeader("X-Studio")[0])).isEqualTo("Zoë Yoga");
    }

    @Test
    void the_envelope_sender_is_the_platform_address_whatever_the_from() throws Exception {
        MimeMessage received = sendOne(TestMails.aMail("ana@clients.example").build());

        assertThat(received.getHeader("Return-Path")).containsExactly("<" + TestSmtpServer.PLATFORM_ADDRESS + ">");
        assertThat(server.proxy.commandsStartingWith("MAIL FROM"))
                .containsExactly("MAIL FROM:<" + TestSmtpServer.PLATFORM_ADDRESS + ">");
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("hello@studio-zen.example");
    }

    @Test
    void a_recipient_on_an_internationalized_domain_is_addressed_in_ascii_form() throws Exception {
        MimeMessage received = sendOne(TestMails.aMail("ana@bücher.example").build());

        assertThat(server.proxy.commandsStartingWith("RCPT TO")).containsExactly("RCPT TO:<ana@xn--bcher-kva.example>");
        assertThat(addresses(received.getRecipients(MimeMessage.RecipientType.TO)))
                .containsExactly("ana@xn--bcher-kva.example");
    }

    @Test
    void a_from_domain_the_platform_may_not_send_for_goes_out_from_the_platform_address_under_the_studios_name()
            throws Exception {
        SmtpConfig config = server.config().senderDomains(Set.of("allowed.example")).build();
        try (SmtpMailSender sender = SmtpMailSender.create(config, clock)) {
            sender.send(List.of(
                    TestMails.aMail("a@clients.example").from("Studio Zen", "hello@studio-zen.example").build(),
                    TestMails.aMail("b@clients.example").from("Studio Zen", "hello@studio-zen.example")
                            .replyTo("desk@studio-zen.example").build()));
        }
        List<MimeMessage> received = reparsed();

        InternetAddress from = (InternetAddress) received.get(0).getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(TestSmtpServer.PLATFORM_ADDRESS);
        assertThat(from.getPersonal()).isEqualTo("Studio Zen");
        assertThat(addresses(received.get(0).getReplyTo())).containsExactly("hello@studio-zen.example");
        assertThat(received.get(0).getMessageID()).endsWith("@platform.example>");
        assertThat(addresses(received.get(1).getReplyTo())).containsExactly("desk@studio-zen.example");
        assertThat(((InternetAddress) received.get(1).getFrom()[0]).getAddress())
                .isEqualTo(TestSmtpServer.PLATFORM_ADDRESS);
    }

    @Test
    void a_from_domain_among_the_sender_domains_keeps_the_studios_address() throws Exception {
        SmtpConfig config = server.config().senderDomains(Set.of("STUDIO-ZEN.example", "other.example")).build();
        try (SmtpMailSender sender = SmtpMailSender.create(config, clock)) {
            sender.send(List.of(TestMails.aMail("a@clients.example").build()));
        }
        MimeMessage received = reparsed().get(0);

        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("hello@studio-zen.example");
        assertThat(received.getHeader("Reply-To")).isNull();
        assertThat(received.getHeader("Return-Path")).containsExactly("<" + TestSmtpServer.PLATFORM_ADDRESS + ">");
    }

    @Test
    void a_recipient_whose_local_part_is_not_ascii_is_a_permanent_failure_since_smtputf8_is_not_used() {
        RenderedMail mail = TestMails.aMail("zoë@clients.example").build();
        try (SmtpMailSender sender = SmtpMailSender.create(server.config().build(), clock)) {
            assertThat(sender.send(List.of(mail))).containsExactly(
                    new SendResult.PermanentFailure(mail.id(), "refused before sending: to ascii_local_part"));
        }
        assertThat(server.received()).isEmpty();
    }

    private MimeMessage sendOne(RenderedMail mail) throws Exception {
        try (SmtpMailSender sender = SmtpMailSender.create(server.config().build(), clock)) {
            assertThat(sender.send(List.of(mail))).containsExactly(new SendResult.Sent(mail.id()));
        }
        List<MimeMessage> received = reparsed();
        return received.get(received.size() - 1);
    }

    /** Every received message, written out by GreenMail and parsed again by a fresh Jakarta Mail session. */
    private List<MimeMessage> reparsed() throws Exception {
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> messages = new ArrayList<>();
        for (MimeMessage m : server.received()) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            messages.add(new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray())));
        }
        return messages;
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }
}
