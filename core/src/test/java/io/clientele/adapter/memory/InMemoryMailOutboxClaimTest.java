package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 8 for the outbox's claim and marks: a dispatcher's marks used to be
 * unconditional (a dispatcher that outlived its lease could overwrite what the next claimer
 * recorded), and the claim looked at every row of the outbox, sent ones included, so its cost grew
 * with the outbox's history.
 */
class InMemoryMailOutboxClaimTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MemoryTransactions tx = new MemoryTransactions();
    private final InMemoryMailOutbox outbox = new InMemoryMailOutbox(tx);

    @Test
    void a_late_mark_under_a_claim_another_dispatcher_has_taken_over_changes_nothing_and_says_so() {
        OutboxMessage row = enqueue(TENANT, NOW);
        OutboxClaim first = claim();
        OutboxClaim second = claim();
        assertThat(outbox.claimDue(first, NOW, 10, LEASE)).extracting(OutboxMessage::id).containsExactly(row.id());
        // the first dispatcher's lease runs out and the second claims the row
        Instant later = NOW.plus(LEASE).plusSeconds(1);
        assertThat(outbox.claimDue(second, later, 10, LEASE)).extracting(OutboxMessage::id).containsExactly(row.id());
        OutboxMessage claimedBySecond = outbox.find(TENANT, row.id()).orElseThrow();

        assertThat(outbox.markSent(TENANT, row.id(), first, later)).isFalse();
        assertThat(outbox.markRetry(TENANT, row.id(), first, later.plusSeconds(60), "timeout")).isFalse();
        assertThat(outbox.markFailed(TENANT, row.id(), first, "rejected")).isFalse();
        assertThat(outbox.mark(TENANT, first, List.of(new OutboxMark.Cancelled(row.id())))).isEmpty();
        assertThat(outbox.find(TENANT, row.id())).contains(claimedBySecond);

        assertThat(outbox.markSent(TENANT, row.id(), second, later)).isTrue();
        assertThat(outbox.find(TENANT, row.id()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        assertThat(outbox.markSent(TENANT, row.id(), second, later)).as("a row is marked once").isFalse();
    }

    @Test
    void the_batch_mark_applies_each_mark_and_answers_the_rows_it_changed() {
        OutboxMessage sent = enqueue(TENANT, NOW);
        OutboxMessage retried = enqueue(TENANT, NOW);
        OutboxMessage failed = enqueue(TENANT, NOW);
        OutboxMessage cancelled = enqueue(TENANT, NOW);
        OutboxMessage withdrawn = enqueue(TENANT, NOW);
        OutboxMessage foreign = enqueue(OTHER_TENANT, NOW);
        OutboxClaim claim = claim();
        outbox.claimDue(claim, NOW, 10, LEASE);
        // withdrawn meanwhile, as an erasure or a change of address does
        outbox.cancelPending(TENANT, withdrawn.clientId().orElseThrow(), MailKind.INVITATION);
        Instant next = NOW.plus(Duration.ofMinutes(1));

        var marked = outbox.mark(TENANT, claim, List.of(new OutboxMark.Sent(sent.id(), NOW),
                new OutboxMark.Retry(retried.id(), next, "timeout"), new OutboxMark.Failed(failed.id(), "rejected"),
                new OutboxMark.Cancelled(cancelled.id()), new OutboxMark.Sent(withdrawn.id(), NOW),
                new OutboxMark.Sent(foreign.id(), NOW)));

        assertThat(marked).containsExactlyInAnyOrder(sent.id(), retried.id(), failed.id(), cancelled.id());
        assertThat(stored(sent)).satisfies(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(m.sentAt()).contains(NOW);
            assertThat(m.attempts()).isEqualTo(1);
        });
        assertThat(stored(retried)).satisfies(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(m.nextAttemptAt()).isEqualTo(next);
            assertThat(m.lastError()).contains("timeout");
            assertThat(m.attempts()).isEqualTo(1);
        });
        assertThat(stored(failed).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(stored(cancelled)).satisfies(m -> {
            assertThat(m.status()).isEqualTo(OutboxStatus.CANCELLED);
            assertThat(m.recipient()).isEmpty();
            assertThat(m.subject()).isEmpty();
            assertThat(m.attempts()).isZero();
        });
        assertThat(stored(withdrawn).status()).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(outbox.find(OTHER_TENANT, foreign.id()).orElseThrow().status()).isEqualTo(OutboxStatus.PENDING);
    }

    @Test
    void claiming_walks_the_pending_rows_in_due_order_and_never_scans_the_outbox() {
        List<OutboxMessage> settled = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            settled.add(enqueue(TENANT, NOW.minusSeconds(100 + i)));
        }
        OutboxClaim old = claim();
        outbox.claimDue(old, NOW, 50, LEASE);
        settled.forEach(m -> outbox.markSent(TENANT, m.id(), old, NOW));
        OutboxMessage later = enqueue(TENANT, NOW.minusSeconds(1));
        OutboxMessage earlier = enqueue(OTHER_TENANT, NOW.minusSeconds(2));
        OutboxMessage notYetDue = enqueue(TENANT, NOW.plusSeconds(1));
        long scansBefore = outbox.scans();

        List<OutboxMessage> first = outbox.claimDue(claim(), NOW, 1, LEASE);
        List<OutboxMessage> rest = outbox.claimDue(claim(), NOW, 10, LEASE);

        assertThat(first).extracting(OutboxMessage::id).containsExactly(earlier.id());
        assertThat(first.get(0).nextAttemptAt()).isEqualTo(NOW.plus(LEASE));
        assertThat(rest).extracting(OutboxMessage::id).containsExactly(later.id());
        assertThat(outbox.claimDue(claim(), NOW.plusSeconds(1), 10, LEASE)).extracting(OutboxMessage::id)
                .containsExactly(notYetDue.id());
        outbox.findAll(TENANT, List.of(later.id(), earlier.id(), notYetDue.id()));
        assertThat(outbox.scans()).as("no claim, mark or find looked at every row").isEqualTo(scansBefore);
    }

    @Test
    void a_claim_rolled_back_with_its_unit_of_work_leaves_the_rows_due_and_unclaimed() {
        OutboxMessage row = enqueue(TENANT, NOW);
        OutboxClaim lost = claim();

        assertThatThrownBy(() -> tx.inTransaction(() -> {
            outbox.claimDue(lost, NOW, 10, LEASE);
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(outbox.find(TENANT, row.id())).contains(row);
        assertThat(outbox.markSent(TENANT, row.id(), lost, NOW)).as("the claim is gone with its unit").isFalse();
        assertThat(outbox.claimDue(claim(), NOW, 10, LEASE)).extracting(OutboxMessage::id).containsExactly(row.id());
    }

    @Test
    void find_all_answers_the_tenants_rows_among_the_ids_only() {
        OutboxMessage mine = enqueue(TENANT, NOW);
        OutboxMessage foreign = enqueue(OTHER_TENANT, NOW);

        assertThat(outbox.findAll(TENANT, List.of(mine.id(), foreign.id(), UUID.randomUUID())))
                .containsExactly(mine);
    }

    private OutboxMessage enqueue(TenantId tenant, Instant createdAt) {
        OutboxMessage message = OutboxMessage.pending(UUID.randomUUID(), tenant, new ClientId(UUID.randomUUID()),
                MailKind.INVITATION, Optional.empty(), "ana@example.com", "en", "Join us", "Hello", createdAt);
        outbox.enqueue(message);
        return message;
    }

    private OutboxMessage stored(OutboxMessage message) {
        return outbox.find(TENANT, message.id()).orElseThrow();
    }

    private static OutboxClaim claim() {
        return new OutboxClaim(UUID.randomUUID());
    }
}
