package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import io.clientele.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket, on a fake nano clock and a sleeper that moves it instead of sleeping. */
class RateLimitTest {

    private static final long MS = Duration.ofMillis(1).toNanos();

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Long> waits = new ArrayList<>();

    private TokenBucket bucket(double rate, int burst) {
        return new TokenBucket(rate, burst, nanos::get, n -> {
            waits.add(n);
            nanos.addAndGet(n);
        });
    }

    @Test
    void a_full_bucket_lets_a_burst_through_then_paces_at_the_rate() throws Exception {
        TokenBucket bucket = bucket(2, 3);

        List<Long> waited = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            waited.add(acquire(bucket));
        }

        assertThat(waited).containsExactly(0L, 0L, 0L, 500 * MS, 500 * MS, 500 * MS);
        assertThat(waits).containsExactly(500 * MS, 500 * MS, 500 * MS);
    }

    @Test
    void an_idle_bucket_refills_to_the_burst_and_no_further() throws Exception {
        TokenBucket bucket = bucket(2, 3);
        for (int i = 0; i < 3; i++) {
            acquire(bucket);
        }

        nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        List<Long> waited = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waited.add(acquire(bucket));
        }

        assertThat(waited).containsExactly(0L, 0L, 0L, 500 * MS);
    }

    @Test
    void time_passing_between_messages_counts_towards_the_next_token() throws Exception {
        TokenBucket bucket = bucket(4, 1);
        acquire(bucket);

        nanos.addAndGet(100 * MS);

        assertThat(acquire(bucket)).isEqualTo(150 * MS);
    }

    @Test
    void reservations_made_at_once_queue_up_so_the_rate_holds_across_threads() {
        TokenBucket bucket = bucket(10, 1);

        // four senders ask at the same instant: each is told a later slot, none waits on a lock
        List<Long> told = List.of(bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve());

        assertThat(told).containsExactly(0L, 100 * MS, 200 * MS, 300 * MS);
    }

    @Test
    void a_rate_of_zero_never_waits() throws Exception {
        TokenBucket bucket = bucket(0, 1);

        for (int i = 0; i < 1000; i++) {
            assertThat(acquire(bucket)).isZero();
        }
        assertThat(waits).isEmpty();
        assertThat(bucket.unlimited()).isTrue();
    }

    @Test
    void the_sender_waits_for_a_token_before_each_message_beyond_the_burst() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()) {
            SmtpMailSender sender = new SmtpMailSender(server.config().build(), MutableClock.standard(),
                    bucket(10, 2));

            List<SendResult> results = sender.send(TestMails.batch("paced", 5));

            assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
            assertThat(waits).containsExactly(100 * MS, 100 * MS, 100 * MS);
            assertThat(server.receivedRecipients()).hasSize(5);
        }
    }

    @Test
    void the_rate_limit_is_per_sender_instance_and_holds_across_its_batches() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()) {
            SmtpMailSender sender = new SmtpMailSender(server.config().build(), MutableClock.standard(),
                    bucket(10, 2));

            sender.send(TestMails.batch("first", 2));
            sender.send(TestMails.batch("second", 2));

            assertThat(waits).containsExactly(100 * MS, 100 * MS);
        }
    }

    @Test
    void an_interrupted_wait_answers_the_unsent_mails_transient_and_keeps_the_interrupt() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()) {
            TokenBucket interrupting = new TokenBucket(1, 1, nanos::get, n -> {
                throw new InterruptedException();
            });
            SmtpMailSender sender = new SmtpMailSender(server.config().build(), MutableClock.standard(),
                    interrupting);
            List<RenderedMail> batch = TestMails.batch("interrupted", 3);

            List<SendResult> results = sender.send(batch);

            assertThat(Thread.interrupted()).isTrue();
            assertThat(results).containsExactly(
                    new SendResult.Sent(batch.get(0).id()),
                    new SendResult.TransientFailure(batch.get(1).id(), "interrupted"),
                    new SendResult.TransientFailure(batch.get(2).id(), "interrupted"));
            assertThat(server.receivedRecipients()).containsExactly(batch.get(0).to());
        }
    }

    /** Takes a token as the sender does: reserve, then wait as told; answers the wait. */
    private static long acquire(TokenBucket bucket) throws InterruptedException {
        long wait = bucket.reserve();
        bucket.await(wait);
        return wait;
    }
}
