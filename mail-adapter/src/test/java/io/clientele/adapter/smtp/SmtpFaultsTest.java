package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How the sender answers what goes wrong on the wire: scripted 4xx and 5xx replies, a cut
 * connection, a hanging server, a server that is down. Over all scenarios, no mail is lost: none
 * is reported sent without reaching GreenMail, none goes without a result; and exactly the scripted
 * 5xx answers to a recipient or a message are permanent failures (a 5xx answer to {@code MAIL FROM}
 * refuses the platform's sender, not the recipient, and is transient).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmtpFaultsTest {

    private static final AtomicInteger LOST = new AtomicInteger();
    private static final AtomicInteger PERMANENT = new AtomicInteger();
    private static final AtomicInteger SCRIPTED_5XX = new AtomicInteger();

    private TestSmtpServer server;

    @BeforeEach
    void startServer() {
        server = TestSmtpServer.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    /** Runs after every scenario (the others keep the default order), so its report holds the line. */
    @Test
    @Order(Integer.MAX_VALUE)
    void nothing_is_lost_and_only_scripted_5xx_answers_are_permanent() {
        System.out.println("RESULT name=smtp-faults-unit lost=" + LOST.get() + " permanent=" + PERMANENT.get());
        assertThat(LOST.get()).isZero();
        assertThat(PERMANENT.get()).isEqualTo(SCRIPTED_5XX.get());
    }

    @Test
    void a_4xx_answer_to_mail_from_is_a_transient_failure_and_the_same_mail_sent_again_succeeds() {
        server.proxy.replyOnce("MAIL FROM", "451 4.3.0 Temporary local problem, try later");
        RenderedMail mail = TestMails.aMail("retry@clients.example").build();

        try (SmtpMailSender sender = sender()) {
            List<SendResult> first = send(sender, List.of(mail));
            assertThat(first).containsExactly(new SendResult.TransientFailure(mail.id(), "451 4.3.0 at MAIL"));
            assertThat(server.receivedRecipients()).isEmpty();

            List<SendResult> again = send(sender, List.of(mail));
            assertThat(again).containsExactly(new SendResult.Sent(mail.id()));
        }
        assertThat(server.receivedRecipients()).containsExactly("retry@clients.example");
    }

    @Test
    void a_421_answer_is_transient_and_the_rest_of_the_batch_goes_out_on_a_new_connection() {
        server.proxy.replyOnceAndClose("MAIL FROM", "421 4.3.2 Service shutting down");
        List<RenderedMail> batch = TestMails.batch("shutdown", 3);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).containsExactly(
                new SendResult.TransientFailure(batch.get(0).id(), "421 4.3.2 at MAIL"),
                new SendResult.Sent(batch.get(1).id()),
                new SendResult.Sent(batch.get(2).id()));
        assertThat(server.proxy.connections()).isEqualTo(2);
        assertThat(server.receivedRecipients()).containsExactly(batch.get(1).to(), batch.get(2).to());
    }

    @Test
    void a_4xx_answer_to_one_recipient_is_transient_and_the_others_still_go_on_the_same_connection() {
        server.proxy.reply("RCPT TO:<full", "452 4.2.2 Mailbox full");
        RenderedMail first = TestMails.aMail("first@clients.example").build();
        RenderedMail full = TestMails.aMail("full@clients.example").build();
        RenderedMail last = TestMails.aMail("last@clients.example").build();

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, List.of(first, full, last));
        }

        assertThat(results).containsExactly(new SendResult.Sent(first.id()),
                new SendResult.TransientFailure(full.id(), "452 4.2.2 at RCPT"), new SendResult.Sent(last.id()));
        assertThat(server.receivedRecipients()).containsExactly("first@clients.example", "last@clients.example");
        assertThat(server.proxy.connections()).isEqualTo(1);
    }

    @Test
    void a_5xx_recipient_is_a_permanent_failure_while_the_other_recipients_of_the_batch_are_delivered() {
        // the server's text repeats the address, as real servers do: the reason must not
        server.proxy.reply("RCPT TO:<bounce", "550 5.1.1 <bounce@clients.example>: Recipient address rejected");
        SCRIPTED_5XX.addAndGet(2);
        List<RenderedMail> batch = List.of(
                TestMails.aMail("ok-1@clients.example").build(),
                TestMails.aMail("bounce-1@clients.example").build(),
                TestMails.aMail("ok-2@clients.example").build(),
                TestMails.aMail("bounce-2@clients.example").build(),
                TestMails.aMail("ok-3@clients.example").build());

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).containsExactly(
                new SendResult.Sent(batch.get(0).id()),
                new SendResult.PermanentFailure(batch.get(1).id(), "550 5.1.1 at RCPT"),
                new SendResult.Sent(batch.get(2).id()),
                new SendResult.PermanentFailure(batch.get(3).id(), "550 5.1.1 at RCPT"),
                new SendResult.Sent(batch.get(4).id()));
        assertThat(server.receivedRecipients())
                .containsExactly("ok-1@clients.example", "ok-2@clients.example", "ok-3@clients.example");
        assertThat(server.proxy.connections()).isEqualTo(1);
    }

    @Test
    void a_5xx_answer_to_mail_from_refuses_the_platforms_sender_so_it_is_transient_and_flags_no_recipient() {
        // 5xx at MAIL says nothing against the recipient (sender not allowed, not authenticated):
        // a permanent failure would flag a good client address as rejected
        server.proxy.replyOnce("MAIL FROM", "550 5.7.1 Sender address rejected: not owned by user");
        List<RenderedMail> batch = TestMails.batch("sender-refused", 2);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).containsExactly(
                new SendResult.TransientFailure(batch.get(0).id(), "sender refused: 550 5.7.1 at MAIL"),
                new SendResult.Sent(batch.get(1).id()));
        assertThat(server.receivedRecipients()).containsExactly(batch.get(1).to());
        assertThat(server.proxy.connections()).isEqualTo(1);
    }

    @Test
    void a_4xx_answer_to_data_is_a_transient_failure_of_that_mail_only() {
        server.proxy.replyOnce("DATA", "451 4.7.1 Greylisted, try again later");
        List<RenderedMail> batch = TestMails.batch("greylisted", 2);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).containsExactly(
                new SendResult.TransientFailure(batch.get(0).id(), "451 4.7.1 at DATA"),
                new SendResult.Sent(batch.get(1).id()));
        assertThat(server.receivedRecipients()).containsExactly(batch.get(1).to());
    }

    @Test
    void a_5xx_answer_to_data_is_a_permanent_failure_of_that_mail_only() {
        server.proxy.replyOnce("DATA", "554 5.7.1 Message rejected");
        SCRIPTED_5XX.incrementAndGet();
        List<RenderedMail> batch = TestMails.batch("content", 3);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).containsExactly(
                new SendResult.PermanentFailure(batch.get(0).id(), "554 5.7.1 at DATA"),
                new SendResult.Sent(batch.get(1).id()),
                new SendResult.Sent(batch.get(2).id()));
        assertThat(server.receivedRecipients()).containsExactly(batch.get(1).to(), batch.get(2).to());
    }

    @Test
    void a_connection_cut_mid_batch_answers_the_mail_in_flight_transient_and_the_rest_go_out_after_one_reconnect() {
        server.proxy.cutAt("MAIL FROM", 4);
        List<RenderedMail> batch = TestMails.batch("cut", 8);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).hasSize(8);
        assertThat(results.get(3)).isEqualTo(new SendResult.TransientFailure(batch.get(3).id(),
                "connection lost at MAIL"));
        assertThat(results).filteredOn(r -> r instanceof SendResult.Sent).hasSize(7);
        assertThat(server.proxy.connections()).isEqualTo(2);
        assertThat(server.receivedRecipients()).hasSize(7).doesNotContain(batch.get(3).to());
    }

    @Test
    void a_connection_cut_during_the_message_content_leaves_that_mail_transient_and_undelivered() {
        // the second message's final "." never reaches the server
        server.proxy.cutAt(".", 2);
        List<RenderedMail> batch = TestMails.batch("midata", 4);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results.get(1)).isInstanceOf(SendResult.TransientFailure.class);
        assertThat(((SendResult.TransientFailure) results.get(1)).reason()).startsWith("connection lost");
        assertThat(results).filteredOn(r -> r instanceof SendResult.Sent).hasSize(3);
        assertThat(server.receivedRecipients()).containsExactly(batch.get(0).to(), batch.get(2).to(),
                batch.get(3).to());
    }

    @Test
    void a_connection_lost_twice_in_a_batch_answers_every_unsent_mail_transient_without_a_third_connection() {
        server.proxy.cutAt("MAIL FROM", 3).cutAt("MAIL FROM", 5);
        List<RenderedMail> batch = TestMails.batch("twice", 8);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).extracting(SmtpFaultsTest::kind)
                .containsExactly("sent", "sent", "transient", "sent", "transient", "transient", "transient",
                        "transient");
        assertThat(results.get(5)).isEqualTo(new SendResult.TransientFailure(batch.get(5).id(),
                "connection lost twice in the batch"));
        assertThat(server.proxy.connections()).isEqualTo(2);
        assertThat(server.receivedRecipients()).containsExactly(batch.get(0).to(), batch.get(1).to(),
                batch.get(3).to());
    }

    @Test
    void a_server_that_stops_answering_is_a_transient_failure_after_the_read_timeout() {
        server.proxy.swallowOnce("MAIL FROM");
        List<RenderedMail> batch = TestMails.batch("hang", 2);

        List<SendResult> results;
        try (SmtpMailSender sender = SmtpMailSender.create(
                server.config().readTimeout(Duration.ofMillis(300)).build())) {
            results = send(sender, batch);
        }

        assertThat(results.get(0)).isEqualTo(new SendResult.TransientFailure(batch.get(0).id(),
                "connection lost (SocketTimeoutException)"));
        assertThat(results.get(1)).isEqualTo(new SendResult.Sent(batch.get(1).id()));
        assertThat(server.receivedRecipients()).containsExactly(batch.get(1).to());
    }

    @Test
    void a_server_that_is_down_answers_every_mail_transient_and_nothing_is_thrown() {
        List<RenderedMail> batch = TestMails.batch("down", 5);
        SmtpConfig down = server.config().port(TestSmtpServer.closedPort()).build();

        try (SmtpMailSender sender = SmtpMailSender.create(down)) {
            assertThatCode(() -> {
                List<SendResult> results = send(sender, batch);
                assertThat(results).hasSize(5).allSatisfy(r -> assertThat(r)
                        .isEqualTo(new SendResult.TransientFailure(r.id(), "cannot connect (ConnectException)")));
            }).doesNotThrowAnyException();
        }
        assertThat(server.receivedRecipients()).isEmpty();
    }

    @Test
    void a_server_refusing_the_greeting_answers_every_mail_transient_without_sending() {
        server.proxy.greetWith("554 5.7.1 Service unavailable; client host blocked");
        List<RenderedMail> batch = TestMails.batch("blocked", 3);

        List<SendResult> results;
        try (SmtpMailSender sender = sender()) {
            results = send(sender, batch);
        }

        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r)
                .isEqualTo(new SendResult.TransientFailure(r.id(), "greeting refused: 554 5.7.1")));
        assertThat(server.proxy.commandsStartingWith("MAIL")).isEmpty();
        assertThat(server.proxy.connections()).isEqualTo(1);
    }

    private SmtpMailSender sender() {
        return SmtpMailSender.create(server.config().build());
    }

    /** Sends and tallies: a mail without a result, or reported sent but not received, is lost. */
    private List<SendResult> send(SmtpMailSender sender, List<RenderedMail> batch) {
        List<SendResult> results = sender.send(batch);
        Map<UUID, SendResult> byId = new HashMap<>();
        results.forEach(r -> byId.put(r.id(), r));
        Set<String> received = new HashSet<>(server.receivedRecipients());
        for (RenderedMail mail : batch) {
            SendResult r = byId.get(mail.id());
            if (r == null || (r instanceof SendResult.Sent && !received.contains(mail.to()))) {
                LOST.incrementAndGet();
            }
            if (r instanceof SendResult.PermanentFailure) {
                PERMANENT.incrementAndGet();
            }
        }
        return results;
    }

    private static String kind(SendResult r) {
        if (r instanceof SendResult.Sent) {
            return "sent";
        }
        return r instanceof SendResult.PermanentFailure ? "permanent" : "transient";
    }
}
