package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.mail.model.SenderIdentity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A header value that could start another header (CR, LF, NEL, U+2028, U+2029) or carries another
 * control character is refused before anything is sent: the mail is a permanent failure naming the
 * field and rule, GreenMail receives nothing for it, and a batch of only such mails opens no
 * connection.
 */
class HeaderInjectionTest {

    private TestSmtpServer server;
    private SmtpMailSender sender;

    @BeforeEach
    void startServer() {
        server = TestSmtpServer.start();
        sender = SmtpMailSender.create(server.config().build());
    }

    @AfterEach
    void stopServer() throws Exception {
        sender.close();
        server.close();
    }

    static Stream<Arguments> lineBreaks() {
        return Stream.of(
                Arguments.of("CR", "\r"),
                Arguments.of("LF", "\n"),
                Arguments.of("CRLF", "\r\n"),
                Arguments.of("NEL", "\u0085"),
                Arguments.of("LINE SEPARATOR", "\u2028"),
                Arguments.of("PARAGRAPH SEPARATOR", "\u2029"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineBreaks")
    void a_line_break_in_the_subject_is_refused_before_anything_is_sent(String name, String lineBreak) {
        RenderedMail mail = TestMails.aMail("ana@clients.example")
                .subject("Hello" + lineBreak + "Bcc: victim@evil.example").build();

        assertRefusedWithoutConnection(mail, "subject", "line_break");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineBreaks")
    void a_line_break_in_the_recipient_is_refused_before_anything_is_sent(String name, String lineBreak) {
        RenderedMail mail = TestMails.aMail("ana@clients.example" + lineBreak + "Bcc: victim@evil.example").build();

        assertRefusedWithoutConnection(mail, "to", "line_break");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineBreaks")
    void a_line_break_in_an_extra_header_value_is_refused_before_anything_is_sent(String name, String lineBreak) {
        RenderedMail mail = TestMails.aMail("ana@clients.example")
                .header("List-Unsubscribe", "<https://book.example/u>" + lineBreak + "Bcc: victim@evil.example")
                .build();

        assertRefusedWithoutConnection(mail, "headers.List-Unsubscribe", "line_break");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineBreaks")
    void a_line_break_in_an_extra_header_name_is_refused_before_anything_is_sent(String name, String lineBreak) {
        RenderedMail mail = TestMails.aMail("ana@clients.example")
                .header("X-Note" + lineBreak + "Bcc", "victim@evil.example").build();

        assertRefusedWithoutConnection(mail, "headers", "field_name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineBreaks")
    void a_line_break_in_the_display_name_from_or_reply_to_is_refused_by_the_sender_identity_and_by_the_adapter(
            String name, String lineBreak) {
        String displayName = "Studio Zen" + lineBreak + "Bcc: victim@evil.example";
        String address = "hello@studio-zen.example" + lineBreak + "Bcc: victim@evil.example";

        // the mail model's own check: such a sender identity cannot be built, so no rendered mail carries it
        assertThatThrownBy(() -> new SenderIdentity(displayName, "hello@studio-zen.example"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new SenderIdentity("Studio Zen", address)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new SenderIdentity("Studio Zen", "hello@studio-zen.example", Optional.of(address)))
                .isInstanceOf(ValidationException.class);
        // and the adapter's last line, on the raw values
        assertRefusal(() -> SmtpMailSender.checkHeaderValue("sender.displayName", displayName),
                "sender.displayName", "line_break");
        assertRefusal(() -> HeaderText.mailbox("sender.address", address), "sender.address", "line_break");
        assertRefusal(() -> HeaderText.mailbox("sender.replyTo", address), "sender.replyTo", "line_break");
    }

    static Stream<Arguments> otherControls() {
        return Stream.of(
                Arguments.of("NUL", "\u0000"),
                Arguments.of("TAB", "\t"),
                Arguments.of("ESC", "\u001B"),
                Arguments.of("DEL", "\u007F"),
                Arguments.of("CSI", "\u009B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherControls")
    void another_control_character_in_the_subject_is_refused_before_anything_is_sent(String name, String control) {
        RenderedMail mail = TestMails.aMail("ana@clients.example").subject("Hello" + control + "there").build();

        assertRefusedWithoutConnection(mail, "subject", "forbidden_character");
    }

    @Test
    void a_recipient_that_is_not_one_mailbox_is_refused_before_anything_is_sent() {
        assertRefusedWithoutConnection(
                TestMails.aMail("ana@clients.example, eve@evil.example").build(), "to", "format");
        assertRefusedWithoutConnection(
                TestMails.aMail("Eve <eve@evil.example>").build(), "to", "format");
        assertRefusedWithoutConnection(
                TestMails.aMail("zoë@clients.example").build(), "to", "ascii_local_part");
    }

    @Test
    void an_extra_header_the_sender_writes_itself_is_refused_so_it_cannot_add_recipients_or_undo_the_from() {
        assertRefusedWithoutConnection(
                TestMails.aMail("ana@clients.example").header("Bcc", "victim@evil.example").build(),
                "headers.Bcc", "reserved");
        assertRefusedWithoutConnection(
                TestMails.aMail("ana@clients.example").header("from", "ceo@bank.example").build(),
                "headers.from", "reserved");
    }

    @Test
    void refused_mails_do_not_stop_the_good_ones_of_the_batch() {
        RenderedMail badSubject = TestMails.aMail("bad-1@clients.example").subject("Hi\r\nBcc: v@evil.example").build();
        RenderedMail good1 = TestMails.aMail("good-1@clients.example").build();
        RenderedMail badHeader = TestMails.aMail("bad-2@clients.example").header("X-Tag", "a\u2028b").build();
        RenderedMail good2 = TestMails.aMail("good-2@clients.example").build();

        List<SendResult> results = sender.send(List.of(badSubject, good1, badHeader, good2));

        assertThat(results).containsExactly(
                new SendResult.PermanentFailure(badSubject.id(), "refused before sending: subject line_break"),
                new SendResult.Sent(good1.id()),
                new SendResult.PermanentFailure(badHeader.id(), "refused before sending: headers.X-Tag line_break"),
                new SendResult.Sent(good2.id()));
        assertThat(server.receivedRecipients()).containsExactly("good-1@clients.example", "good-2@clients.example");
        assertThat(server.proxy.connections()).isEqualTo(1);
        assertThat(server.proxy.commandsStartingWith("RCPT TO")).noneMatch(c -> c.contains("bad-"));
    }

    private void assertRefusedWithoutConnection(RenderedMail mail, String field, String rule) {
        List<SendResult> results = sender.send(List.of(mail));

        assertThat(results).containsExactly(
                new SendResult.PermanentFailure(mail.id(), "refused before sending: " + field + " " + rule));
        assertThat(((SendResult.PermanentFailure) results.get(0)).reason()).doesNotContain("victim", "evil", "@");
        assertThat(server.proxy.connections()).isZero();
        assertThat(server.received()).isEmpty();
        assertRefusal(() -> SmtpMailSender.checkHeaders(mail), field, rule);
    }

    private static void assertRefusal(Runnable check, String field, String rule) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.getMessage()).doesNotContain("victim", "evil.example");
        });
    }
}
