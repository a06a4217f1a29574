package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How many SMTP connections a batch opens, counted by the proxy in front of GreenMail. */
class SmtpConnectionsTest {

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
    void hundred_messages_in_one_batch_use_at_most_two_connections() {
        List<RenderedMail> batch = TestMails.batch("hundred", 100);

        List<SendResult> results;
        // the spare this full connection asks for would be the next call's: it is never opened here
        Queue<Runnable> spares = new ArrayDeque<>();
        TokenBucket unlimited = TokenBucket.of(server.config().build());
        try (SmtpMailSender sender = new SmtpMailSender(server.config().build(), MutableClock.standard(), unlimited,
                spares::add)) {
            results = sender.send(batch);
        }

        int connections = server.proxy.connections();
        System.out.println("RESULT name=smtp-connections messages=100 connections=" + connections);
        assertThat(results).hasSize(100).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.receivedRecipients()).hasSize(100)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(RenderedMail::to).toList());
        assertThat(connections).isBetween(1, 2);
    }

    @Test
    void the_test_server_offers_no_pipelining_so_the_line_based_proxy_sees_every_reply_in_turn() {
        try (SmtpMailSender sender = SmtpMailSender.create(server.config().build())) {
            sender.send(TestMails.batch("ehlo", 1));
        }

        assertThat(server.proxy.serverLines()).anyMatch(l -> l.startsWith("250"))
                .noneMatch(l -> l.toUpperCase().contains("PIPELINING"));
    }

    @Test
    void a_connection_carries_at_most_max_messages_then_the_sender_reconnects() {
        List<RenderedMail> batch = TestMails.batch("ten", 25);

        List<SendResult> results;
        try (SmtpMailSender sender = SmtpMailSender.create(server.config().maxMessagesPerConnection(10).build())) {
            results = sender.send(batch);
        }

        assertThat(results).hasSize(25).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.receivedRecipients()).hasSize(25);
        assertThat(server.proxy.connections()).isEqualTo(3);
        assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(3);
    }

    @Test
    void concurrent_batches_all_arrive_and_open_at_most_one_connection_each() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<SendResult>>> futures = new ArrayList<>();
        try (SmtpMailSender sender = SmtpMailSender.create(server.config().build())) {
            for (int t = 0; t < 4; t++) {
                List<RenderedMail> batch = TestMails.batch("thread" + t, 10);
                futures.add(pool.submit(() -> sender.send(batch)));
            }
            for (Future<List<SendResult>> f : futures) {
                assertThat(f.get()).hasSize(10).allMatch(r -> r instanceof SendResult.Sent);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(server.receivedRecipients()).hasSize(40).doesNotHaveDuplicates();
        // a batch that starts after another has ended takes that one's connection (SmtpConnectionReuseTest)
        assertThat(server.proxy.connections()).isBetween(1, 4);
    }

    @Test
    void a_long_wait_for_the_rate_limit_does_not_keep_a_connection_idle() {
        AtomicLong nanos = new AtomicLong();
        List<Long> waits = new ArrayList<>();
        // one mail a minute: the second waits 60 s, longer than a connection is kept idle
        TokenBucket bucket = new TokenBucket(1 / 60d, 1, nanos::get, n -> {
            waits.add(n);
            nanos.addAndGet(n);
        });
        SmtpMailSender sender = new SmtpMailSender(server.config().build(), MutableClock.standard(), bucket);

        List<SendResult> results = sender.send(TestMails.batch("slow", 2));

        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(waits).containsExactly(Duration.ofSeconds(60).toNanos());
        assertThat(server.proxy.connections()).isEqualTo(2);
        assertThat(server.receivedRecipients()).hasSize(2);
    }
}
