package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the JPA outbox does beyond the contract, on PostgreSQL and H2 alike: the claim's row locks
 * (a claim racing another takes the next due rows, on H2 too, where an {@code ORDER BY} would lock
 * every due row), the batch mark's handling of a row named twice and of lists longer than one
 * statement, and the empty address that blanked requests hold.
 */
class JpaMailOutboxTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    static Stream<String> databases() {
        return Stream.of("postgres", "h2");
    }

    private static JpaAdapters adapters(String database) {
        JpaAdapters jpa = database.equals("postgres") ? Databases.postgresAdapters() : Databases.h2Adapters();
        // claims span tenants: these tests need an outbox of their own rows only
        Databases.truncate(jpa, "outbox");
        return jpa;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_claim_racing_another_takes_the_next_due_rows_without_waiting_and_never_the_same(String database)
            throws Exception {
        JpaAdapters jpa = adapters(database);
        MailOutbox outbox = jpa.outbox();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        List<UUID> oldestFirst = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            OutboxMessage mail = fx.anInvitationMail(tenant, fx.newClientId()).build();
            tx.run(() -> outbox.enqueue(mail));
            oldestFirst.add(mail.id());
            fx.advance(Duration.ofSeconds(1));
        }
        Instant now = fx.now();
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<OutboxMessage>> first = threads.submit(() -> tx.inTransaction(() -> {
                List<OutboxMessage> claimed = outbox.claimDue(new OutboxClaim(fx.nextId()), now, 3, LEASE);
                firstHolds.countDown();
                awaitQuietly(firstMayCommit);
                return claimed;
            }));
            assertThat(firstHolds.await(Race.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            // on its own thread: a claim that waited for the first one's locks must fail the test, not hang it
            Future<List<OutboxMessage>> second = threads.submit(() -> tx.inTransaction(
                    () -> outbox.claimDue(new OutboxClaim(fx.nextId()), now, 3, LEASE)));
            List<OutboxMessage> secondClaimed = second.get(Race.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            firstMayCommit.countDown();
            List<OutboxMessage> firstClaimed = first.get(Race.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(firstClaimed).extracting(OutboxMessage::id).containsExactlyElementsOf(oldestFirst.subList(0, 3));
            assertThat(secondClaimed).extracting(OutboxMessage::id)
                    .containsExactlyElementsOf(oldestFirst.subList(3, 6));
        } finally {
            firstMayCommit.countDown();
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_batch_mark_naming_a_row_twice_applies_its_first_mark_only(String database) {
        JpaAdapters jpa = adapters(database);
        MailOutbox outbox = jpa.outbox();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        OutboxMessage mail = fx.anInvitationMail(tenant, fx.newClientId()).build();
        tx.run(() -> outbox.enqueue(mail));
        OutboxClaim claim = new OutboxClaim(fx.nextId());
        tx.run(() -> outbox.claimDue(claim, fx.now(), 10, LEASE));
        Instant next = fx.now().plus(Duration.ofMinutes(2));

        var marked = tx.inTransaction(() -> outbox.mark(tenant, claim, List.of(
                new OutboxMark.Retry(mail.id(), next, "421 busy"), new OutboxMark.Sent(mail.id(), fx.now()))));

        assertThat(marked).containsExactly(mail.id());
        OutboxMessage stored = tx.inReadOnlyTransaction(() -> outbox.find(tenant, mail.id())).orElseThrow();
        assertThat(stored.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.nextAttemptAt()).isEqualTo(next);
        assertThat(stored.lastError()).contains("421 busy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_batch_mark_longer_than_one_statement_marks_every_row_of_the_claim(String database) {
        JpaAdapters jpa = adapters(database);
        MailOutbox outbox = jpa.outbox();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        int rows = ValuesList.MAX_ROWS + 10;
        List<OutboxMessage> mails = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            mails.add(fx.anInvitationMail(tenant, fx.newClientId()).build());
        }
        tx.run(() -> outbox.enqueueAll(mails));
        OutboxClaim claim = new OutboxClaim(fx.nextId());
        assertThat(tx.inTransaction(() -> outbox.claimDue(claim, fx.now(), rows, LEASE))).hasSize(rows);
        List<UUID> ids = mails.stream().map(OutboxMessage::id).toList();
        List<OutboxMark> marks = new ArrayList<>();
        ids.forEach(id -> marks.add(new OutboxMark.Sent(id, fx.now())));

        assertThat(tx.inTransaction(() -> outbox.mark(tenant, claim, marks))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(tx.inReadOnlyTransaction(() -> outbox.findAll(tenant, ids))).hasSize(rows)
                .extracting(OutboxMessage::status).containsOnly(OutboxStatus.SENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void an_empty_address_names_none_of_the_requests_an_erasure_blanked(String database) {
        JpaAdapters jpa = adapters(database);
        MailOutbox outbox = jpa.outbox();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        OutboxMessage request = fx.resetRequest(tenant, "ana@example.com");
        tx.run(() -> outbox.enqueue(request));
        Instant before = fx.now().minusSeconds(1);
        assertThat(tx.inTransaction(() -> outbox.anonymizeRequests(tenant, "ana@example.com"))).isEqualTo(1);
        OutboxMessage blanked = tx.inReadOnlyTransaction(() -> outbox.find(tenant, request.id())).orElseThrow();

        assertThat(blanked.recipient()).isEmpty();
        assertThat(tx.inReadOnlyTransaction(() -> outbox.hasRequestAfter(tenant, "", before))).isFalse();
        assertThat(tx.inTransaction(() -> outbox.anonymizeRequests(tenant, ""))).isZero();
        assertThat(tx.inReadOnlyTransaction(() -> outbox.find(tenant, request.id()))).contains(blanked);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(Race.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test never let the first claim commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while holding the first claim", e);
        }
    }
}
