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
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender keeps its connections open between {@code send} calls: what it reuses, when it opens
 * a fresh one, and what it closes; connections and commands counted by the proxy in front of
 * GreenMail, time from a {@link MutableClock}.
 */
class SmtpConnectionReuseTest {

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

    private SmtpMailSender sender(SmtpConfig.Builder config) {
        return SmtpMailSender.create(config.build(), clock);
    }

    /**
     * A sender whose spare connections are never opened (their openings wait in a queue no one
     * runs), for tests that count the connections calls open themselves.
     */
    private SmtpMailSender withoutSpares(SmtpConfig.Builder config) {
        Queue<Runnable> neverRun = new ArrayDeque<>();
        return new SmtpMailSender(config.build(), clock, unlimited(), neverRun::add);
    }

    @Test
    void consecutive_calls_share_one_connection_and_its_greeting_checked_by_a_noop_before_each_reuse() {
        try (SmtpMailSender sender = sender(server.config())) {
            List<SendResult> first = sender.send(TestMails.batch("first", 3));
            clock.advance(Duration.ofSeconds(5));
            List<SendResult> second = sender.send(TestMails.batch("second", 3));
            List<SendResult> third = sender.send(TestMails.batch("third", 3));

            assertThat(first).allMatch(r -> r instanceof SendResult.Sent);
            assertThat(second).allMatch(r -> r instanceof SendResult.Sent);
            assertThat(third).allMatch(r -> r instanceof SendResult.Sent);
            assertThat(server.proxy.connections()).isEqualTo(1);
            assertThat(server.proxy.commandsStartingWith("EHLO")).hasSize(1);
            assertThat(server.proxy.commandsStartingWith("NOOP")).hasSize(2);
            assertThat(server.proxy.commandsStartingWith("QUIT")).isEmpty();
        }
        // close() says goodbye on the connection it kept
        assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);
        assertThat(server.receivedRecipients()).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void the_messages_per_connection_count_across_calls_then_a_fresh_connection_carries_the_rest() {
        try (SmtpMailSender sender = withoutSpares(server.config().maxMessagesPerConnection(10))) {
            sender.send(TestMails.batch("first", 6));
            List<SendResult> second = sender.send(TestMails.batch("second", 6));

            // 6 + 4 on the first connection, which is then closed; the last 2 on a second one
            assertThat(second).allMatch(r -> r instanceof SendResult.Sent);
            assertThat(server.proxy.connections()).isEqualTo(2);
            assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);

            // the second connection has carried 2: it is reused for 8 more, then replaced again
            sender.send(TestMails.batch("third", 9));
            assertThat(server.proxy.connections()).isEqualTo(3);
            assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(2);
        }
        assertThat(server.receivedRecipients()).hasSize(21);
    }

    @Test
    void a_connection_that_has_carried_its_share_at_the_end_of_a_call_is_closed_rather_than_kept() {
        try (SmtpMailSender sender = withoutSpares(server.config().maxMessagesPerConnection(5))) {
            sender.send(TestMails.batch("exact", 5));

            assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);
            sender.send(TestMails.batch("next", 1));
            assertThat(server.proxy.connections()).isEqualTo(2);
            assertThat(server.proxy.commandsStartingWith("NOOP")).isEmpty();
        }
    }

    @Test
    void a_connection_idle_longer_than_the_idle_timeout_is_closed_and_a_fresh_one_is_opened() {
        try (SmtpMailSender sender = sender(server.config().idleTimeout(Duration.ofSeconds(20)))) {
            sender.send(TestMails.batch("first", 2));
            clock.advance(Duration.ofSeconds(20));
            sender.send(TestMails.batch("at-the-bound", 2));
            assertThat(server.proxy.connections()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(20).plusMillis(1));
            List<SendResult> late = sender.send(TestMails.batch("late", 2));

            assertThat(late).allMatch(r -> r instanceof SendResult.Sent);
            assertThat(server.proxy.connections()).isEqualTo(2);
            // the expired connection was closed without a check: no NOOP after the first reuse
            assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);
            assertThat(server.proxy.commandsStartingWith("NOOP")).hasSize(1);
        }
    }

    @Test
    void the_default_idle_timeout_is_thirty_seconds() {
        try (SmtpMailSender sender = sender(server.config())) {
            sender.send(TestMails.batch("first", 1));
            clock.advance(Duration.ofSeconds(30));
            sender.send(TestMails.batch("kept", 1));
            clock.advance(Duration.ofSeconds(31));
            sender.send(TestMails.batch("expired", 1));
        }

        assertThat(server.proxy.connections()).isEqualTo(2);
    }

    @Test
    void an_idle_timeout_of_zero_closes_every_connection_at_the_end_of_its_call() {
        try (SmtpMailSender sender = sender(server.config().idleTimeout(Duration.ZERO))) {
            sender.send(TestMails.batch("first", 2));
            assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);
            sender.send(TestMails.batch("second", 2));
        }

        assertThat(server.proxy.connections()).isEqualTo(2);
        assertThat(server.receivedRecipients()).hasSize(4);
    }

    @Test
    void a_connection_the_server_dropped_while_idle_costs_no_mail_and_not_the_batchs_one_reconnect() {
        try (SmtpMailSender sender = sender(server.config())) {
            assertThat(sender.send(TestMails.batch("before", 2))).allMatch(r -> r instanceof SendResult.Sent);

            server.restartServer();
            // and the second mail of the next batch loses its connection: the reconnect is still there for it
            server.proxy.cutAt("MAIL FROM", 2);
            List<RenderedMail> batch = TestMails.batch("after", 4);
            List<SendResult> results = sender.send(batch);

            assertThat(results).containsExactly(new SendResult.Sent(batch.get(0).id()),
                    new SendResult.TransientFailure(batch.get(1).id(), "connection lost at MAIL"),
                    new SendResult.Sent(batch.get(2).id()), new SendResult.Sent(batch.get(3).id()));
            // the kept one, found dropped by its NOOP; a fresh one; the one reconnect after the cut
            assertThat(server.proxy.connections()).isEqualTo(3);
            assertThat(server.receivedRecipients()).containsExactly(batch.get(0).to(), batch.get(2).to(),
                    batch.get(3).to());
        }
    }

    @Test
    void when_the_last_idle_connection_is_found_dropped_the_older_ones_are_closed_without_a_noop_each()
            throws Exception {
        // two calls at once leave two idle connections (as in the test below); the later call
        // alone waits for nobody
        CyclicBarrier bothWaiting = new CyclicBarrier(2);
        AtomicBoolean meeting = new AtomicBoolean(true);
        TokenBucket.Sleeper meet = meetAt(bothWaiting);
        AtomicLong nanos = new AtomicLong();
        TokenBucket bucket = new TokenBucket(1_000, 1, nanos::get, n -> {
            if (meeting.get()) {
                meet.sleep(n);
            }
        });
        bucket.reserve();
        SmtpMailSender sender = new SmtpMailSender(server.config().readTimeout(Duration.ofMillis(500)).build(), clock,
                bucket);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<SendResult>>> calls = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                List<RenderedMail> batch = TestMails.batch(name, 2);
                calls.add(threads.submit(() -> sender.send(batch)));
            }
            for (Future<List<SendResult>> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).allMatch(r -> r instanceof SendResult.Sent);
            }
            assertThat(server.proxy.connections()).isEqualTo(2);
            int noopsBefore = server.proxy.commandsStartingWith("NOOP").size();

            // the last one put back has been dropped silently (a NAT forgot it): its NOOP gets no answer
            server.proxy.swallowOnce("NOOP");
            meeting.set(false);
            List<SendResult> after = threads.submit(() -> sender.send(TestMails.batch("after", 1)))
                    .get(30, TimeUnit.SECONDS);

            assertThat(after).allMatch(r -> r instanceof SendResult.Sent);
            // one NOOP, unanswered within the read timeout; the other was closed unchecked; one fresh connection
            assertThat(server.proxy.commandsStartingWith("NOOP").size() - noopsBefore).isEqualTo(1);
            assertThat(server.proxy.connections()).isEqualTo(3);
        } finally {
            threads.shutdownNow();
            sender.close();
        }
    }

    @Test
    void concurrent_calls_never_share_a_connection_and_both_connections_are_kept_for_later_calls()
            throws Exception {
        // both calls wait for the rate limit before each message; the barrier holds each wait until
        // the other call waits too, so before their second messages both calls hold a connection
        CyclicBarrier bothWaiting = new CyclicBarrier(2);
        AtomicLong nanos = new AtomicLong();
        TokenBucket bucket = new TokenBucket(1_000, 1, nanos::get, meetAt(bothWaiting));
        bucket.reserve();
        SmtpMailSender sender = new SmtpMailSender(server.config().build(), clock, bucket);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<SendResult>>> calls = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                List<RenderedMail> batch = TestMails.batch(name, 3);
                calls.add(threads.submit(() -> sender.send(batch)));
            }
            for (Future<List<SendResult>> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).hasSize(3).allMatch(r -> r instanceof SendResult.Sent);
            }
            assertThat(server.proxy.connections()).isEqualTo(2);

            // both were put back: two more calls at once find one each, and open none
            List<Future<List<SendResult>>> again = new ArrayList<>();
            for (String name : List.of("left-again", "right-again")) {
                List<RenderedMail> batch = TestMails.batch(name, 2);
                again.add(threads.submit(() -> sender.send(batch)));
            }
            for (Future<List<SendResult>> call : again) {
                assertThat(call.get(30, TimeUnit.SECONDS)).allMatch(r -> r instanceof SendResult.Sent);
            }
            assertThat(server.proxy.connections()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
            sender.close();
        }
        assertThat(server.receivedRecipients()).hasSize(10).doesNotHaveDuplicates();
        assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(2);
    }

    @Test
    void at_most_four_connections_are_kept_idle_the_fifth_put_back_is_closed_and_close_ends_the_rest()
            throws Exception {
        int calls = SmtpMailSender.MAX_IDLE_CONNECTIONS + 1;
        CyclicBarrier allWaiting = new CyclicBarrier(calls);
        AtomicLong nanos = new AtomicLong();
        TokenBucket bucket = new TokenBucket(1_000, 1, nanos::get, meetAt(allWaiting));
        bucket.reserve();
        SmtpMailSender sender = new SmtpMailSender(server.config().build(), clock, bucket);
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        try {
            List<Future<List<SendResult>>> futures = new ArrayList<>();
            for (int t = 0; t < calls; t++) {
                List<RenderedMail> batch = TestMails.batch("call" + t, 2);
                futures.add(threads.submit(() -> sender.send(batch)));
            }
            for (Future<List<SendResult>> f : futures) {
                assertThat(f.get(30, TimeUnit.SECONDS)).allMatch(r -> r instanceof SendResult.Sent);
            }

            assertThat(server.proxy.connections()).isEqualTo(calls);
            assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);
        } finally {
            threads.shutdownNow();
            sender.close();
        }
        assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(calls);
    }

    @Test
    void close_says_goodbye_on_every_idle_connection_and_later_calls_connect_no_more() {
        SmtpMailSender sender = sender(server.config());
        sender.send(TestMails.batch("kept", 2));

        sender.close();
        List<RenderedMail> after = TestMails.batch("after", 2);
        List<SendResult> results = sender.send(after);

        assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);
        assertThat(server.proxy.connections()).isEqualTo(1);
        assertThat(results).containsExactly(new SendResult.TransientFailure(after.get(0).id(), "sender closed"),
                new SendResult.TransientFailure(after.get(1).id(), "sender closed"));
    }

    @Test
    void a_rate_limit_wait_keeps_the_connection_within_the_idle_timeout_and_closes_it_beyond() {
        List<Long> waits = new ArrayList<>();
        // one mail every 40 s: each mail after the first waits 40 s
        SmtpMailSender patient = new SmtpMailSender(server.config().idleTimeout(Duration.ofSeconds(45)).build(),
                clock, steppingBucket(1 / 40d, waits));
        SmtpMailSender hasty = new SmtpMailSender(server.config().idleTimeout(Duration.ofSeconds(35)).build(),
                clock, steppingBucket(1 / 40d, waits));

        List<SendResult> kept = patient.send(TestMails.batch("kept", 3));
        int afterPatient = server.proxy.connections();
        List<SendResult> closed = hasty.send(TestMails.batch("closed", 3));

        assertThat(kept).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(closed).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(waits).hasSize(4).allMatch(n -> n == Duration.ofSeconds(40).toNanos());
        assertThat(afterPatient).isEqualTo(1);
        assertThat(server.proxy.connections() - afterPatient).isEqualTo(3);
        patient.close();
        hasty.close();
    }

    @Test
    void a_call_that_fills_its_connection_has_the_replacement_opened_in_the_background_for_the_next_call() {
        Queue<Runnable> background = new ArrayDeque<>();
        SmtpMailSender sender = new SmtpMailSender(server.config().maxMessagesPerConnection(3).build(), clock,
                unlimited(), background::add);

        sender.send(TestMails.batch("first", 1));
        assertThat(background).as("a call that does not fill its connection").isEmpty();
        sender.send(TestMails.batch("full", 2));
        assertThat(server.proxy.commandsStartingWith("QUIT")).hasSize(1);
        assertThat(background).hasSize(1);
        assertThat(server.proxy.connections()).isEqualTo(1);

        background.poll().run();
        assertThat(server.proxy.connections()).isEqualTo(2);
        List<SendResult> next = sender.send(TestMails.batch("next", 2));

        // the spare was open before the call came: the call checked it, and opened nothing
        assertThat(next).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.proxy.connections()).isEqualTo(2);
        assertThat(server.proxy.commandsStartingWith("EHLO")).hasSize(2);
        assertThat(server.proxy.commandsStartingWith("NOOP")).hasSize(2);
        assertThat(background).isEmpty();
        sender.close();
        assertThat(server.receivedRecipients()).hasSize(5);
    }

    @Test
    void a_call_that_fills_its_connection_opens_no_spare_when_it_came_long_after_the_call_before() {
        Queue<Runnable> background = new ArrayDeque<>();
        SmtpMailSender sender = new SmtpMailSender(server.config().maxMessagesPerConnection(2).build(), clock,
                unlimited(), background::add);

        sender.send(TestMails.batch("first", 1));
        clock.advance(SmtpConfig.DEFAULT_IDLE_TIMEOUT.plusSeconds(1));
        List<SendResult> late = sender.send(TestMails.batch("late", 2));

        assertThat(late).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(background).as("no sign that another call follows soon").isEmpty();
        assertThat(server.proxy.connections()).isEqualTo(2);
        sender.close();
    }

    @Test
    void with_an_idle_timeout_of_zero_a_call_keeps_its_connection_through_rate_limit_waits_of_up_to_thirty_seconds() {
        List<Long> waits = new ArrayList<>();
        SmtpMailSender every20s = new SmtpMailSender(server.config().idleTimeout(Duration.ZERO).build(), clock,
                steppingBucket(1 / 20d, waits));
        SmtpMailSender every40s = new SmtpMailSender(server.config().idleTimeout(Duration.ZERO).build(), clock,
                steppingBucket(1 / 40d, waits));

        List<SendResult> kept = every20s.send(TestMails.batch("kept", 3));
        int afterKept = server.proxy.connections();
        List<SendResult> reopened = every40s.send(TestMails.batch("reopened", 3));

        assertThat(kept).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(reopened).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(afterKept).isEqualTo(1);
        assertThat(server.proxy.connections() - afterKept).isEqualTo(3);
        every20s.close();
        every40s.close();
    }

    @Test
    void no_spare_is_opened_once_the_sender_is_closed_nor_when_connections_are_not_kept() {
        Queue<Runnable> background = new ArrayDeque<>();
        SmtpMailSender closing = new SmtpMailSender(server.config().maxMessagesPerConnection(2).build(), clock,
                unlimited(), background::add);
        SmtpMailSender keepsNone = new SmtpMailSender(server.config().maxMessagesPerConnection(2)
                .idleTimeout(Duration.ZERO).build(), clock, unlimited(), background::add);

        closing.send(TestMails.batch("closing", 2));
        keepsNone.send(TestMails.batch("keeps-none", 2));
        closing.close();
        background.forEach(Runnable::run);

        assertThat(server.proxy.connections()).isEqualTo(2);
        keepsNone.close();
    }

    @Test
    void a_spare_that_cannot_be_opened_is_forgotten_and_the_next_call_connects_itself() {
        Queue<Runnable> background = new ArrayDeque<>();
        SmtpMailSender sender = new SmtpMailSender(server.config().maxMessagesPerConnection(2).build(), clock,
                unlimited(), background::add);
        sender.send(TestMails.batch("first", 1));
        // a second call soon after: it fills the connection, and a spare is asked for
        sender.send(TestMails.batch("second", 1));

        server.proxy.greetWith("554 5.7.1 Service unavailable");
        background.poll().run();
        List<RenderedMail> next = TestMails.batch("next", 1);
        List<SendResult> results = sender.send(next);

        assertThat(results).containsExactly(new SendResult.TransientFailure(next.get(0).id(),
                "greeting refused: 554 5.7.1"));
        assertThat(server.proxy.connections()).isEqualTo(3);
        sender.close();
    }

    /** A bucket that never makes anyone wait. */
    private static TokenBucket unlimited() {
        return new TokenBucket(0, 1, System::nanoTime, n -> {
            throw new AssertionError("an unlimited bucket never waits");
        });
    }

    /** A sleeper that, instead of sleeping, waits until every party of {@code barrier} waits too. */
    private static TokenBucket.Sleeper meetAt(CyclicBarrier barrier) {
        return n -> {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other calls never came to wait", e);
            }
        };
    }

    /** A bucket of {@code rate} and burst 1 whose waits move a fake nano time and the clock instead of sleeping. */
    private TokenBucket steppingBucket(double rate, List<Long> waits) {
        AtomicLong nanos = new AtomicLong();
        return new TokenBucket(rate, 1, nanos::get, n -> {
            waits.add(n);
            nanos.addAndGet(n);
            clock.advance(Duration.ofNanos(n));
        });
    }
}
