package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.oneWins;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxClaim;
import io.clientele.mail.model.OutboxMark;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.mail.model.OutboxStatus;
import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link MailOutbox} must guarantee when dispatchers and writers run at the same time, with
 * the store's real isolation (several host instances over one database): claims made at once never
 * hand one message to two claimers, and every due message is claimed by someone; of two enqueues
 * of one campaign and client at once, one is stored and the other is a {@code DUPLICATE}; a late
 * dispatcher's marks change nothing while the dispatcher that took its messages over marks them;
 * a mark racing a cancellation loses or wins whole, never half.
 *
 * <p>The claim spans tenants, so {@link #createAdapter()} must answer an empty outbox, with a
 * runner that lets units of work run at the same time (in memory, {@code
 * MemoryTransactions.interleaved()}). Not thread-safe: JUnit makes one instance per test.
 */
public abstract class MailOutboxConcurrencyContract {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int ROUNDS = 5;

    private MailOutbox outbox;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;

    /**
     * The adapter under test over an empty outbox, and the runner whose units of work it joins,
     * which must let units of work run at the same time; called before each test.
     */
    protected abstract PortUnderTest<MailOutbox> createAdapter();

    @BeforeEach
    void setUpMailOutboxConcurrencyContract() {
        PortUnderTest<MailOutbox> adapter = createAdapter();
        outbox = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
    }

    private OutboxMessage enqueue(OutboxMessage message) {
        tx.run(() -> outbox.enqueue(message));
        return message;
    }

    private OutboxMessage stored(OutboxMessage message) {
        return tx.inReadOnlyTransaction(() -> outbox.find(tenant, message.id())).orElseThrow();
    }

    @Test
    void dispatchers_claiming_at_once_never_claim_one_message_twice_and_leave_none_behind() {
        TenantId otherTenant = fx.newTenant();
        Set<UUID> enqueued = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            enqueued.add(enqueue(fx.anInvitationMail(i % 2 == 0 ? tenant : otherTenant, fx.newClientId()).build())
                    .id());
        }
        Instant now = fx.advance(Duration.ofSeconds(1));
        Set<UUID> claimedOnce = new HashSet<>();

        for (int round = 0; round < 30 && claimedOnce.size() < enqueued.size(); round++) {
            List<Callable<List<OutboxMessage>>> claimers = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                OutboxClaim claim = new OutboxClaim(fx.nextId());
                claimers.add(() -> tx.inTransaction(() -> outbox.claimDue(claim, now, 7, LEASE)));
            }
            for (Race.Outcome<List<OutboxMessage>> outcome : Race.together(claimers)) {
                for (OutboxMessage m : outcome.get()) {
                    assertThat(claimedOnce.add(m.id())).as("message %s claimed twice", m.id()).isTrue();
                }
            }
        }

        assertThat(claimedOnce).isEqualTo(enqueued);
    }

    @Test
    void of_two_enqueues_of_one_campaign_and_client_at_once_one_is_stored_and_the_other_is_a_duplicate() {
        for (int round = 0; round < ROUNDS; round++) {
            CampaignId campaign = new CampaignId(fx.nextId());
            ClientId ana = fx.newClientId();
            OutboxMessage one = fx.anInvitationMail(tenant, ana).inCampaign(campaign).build();
            OutboxMessage two = fx.anInvitationMail(tenant, ana).inCampaign(campaign).build();

            int winner = oneWins(Race.together(List.of(() -> enqueue(one), () -> enqueue(two))),
                    ConflictException.Reason.DUPLICATE);

            assertThat(tx.inReadOnlyTransaction(() -> outbox.listForClient(tenant, ana)))
                    .extracting(OutboxMessage::id).containsExactly(List.of(one, two).get(winner).id());
        }
    }

    @Test
    void a_late_dispatcher_s_marks_change_nothing_while_the_dispatcher_that_took_over_marks_the_same_messages() {
        List<OutboxMessage> mails = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            mails.add(enqueue(fx.anInvitationMail(tenant, fx.newClientId()).build()));
        }
        OutboxClaim late = new OutboxClaim(fx.nextId());
        OutboxClaim current = new OutboxClaim(fx.nextId());
        tx.inTransaction(() -> outbox.claimDue(late, fx.now(), 10, LEASE));
        Instant later = fx.now().plus(LEASE).plusSeconds(1);
        assertThat(tx.inTransaction(() -> outbox.claimDue(current, later, 10, LEASE))).hasSize(ROUNDS);

        for (OutboxMessage mail : mails) {
            List<Race.Outcome<Boolean>> outcomes = Race.together(List.of(
                    () -> tx.inTransaction(() -> outbox.markSent(tenant, mail.id(), late, later)),
                    () -> tx.inTransaction(() -> outbox.markFailed(tenant, mail.id(), current, "550 unknown")),
                    () -> tx.inTransaction(() -> !outbox.mark(tenant, late,
                            List.of(new OutboxMark.Cancelled(mail.id()))).isEmpty())));

            assertThat(outcomes).extracting(Race.Outcome::get).containsExactly(false, true, false);
            OutboxMessage now = stored(mail);
            assertThat(now.status()).isEqualTo(OutboxStatus.FAILED);
            assertThat(now.lastError()).contains("550 unknown");
            assertThat(now.recipient()).isEqualTo(mail.recipient());
        }
    }

    @Test
    void a_mark_racing_a_cancellation_either_wins_whole_or_changes_nothing() {
        for (int round = 0; round < ROUNDS; round++) {
            ClientId ana = fx.newClientId();
            OutboxMessage mail = enqueue(fx.anInvitationMail(tenant, ana).build());
            OutboxClaim claim = new OutboxClaim(fx.nextId());
            tx.inTransaction(() -> outbox.claimDue(claim, fx.now(), 100, LEASE));
            Instant at = fx.now();

            List<Race.Outcome<Integer>> outcomes = Race.together(List.of(
                    () -> tx.inTransaction(() -> outbox.markSent(tenant, mail.id(), claim, at)) ? 1 : 0,
                    () -> tx.inTransaction(() -> outbox.cancelPending(tenant, ana, MailKind.INVITATION))));

            int marked = outcomes.get(0).get();
            int cancelled = outcomes.get(1).get();
            assertThat(marked + cancelled).as("exactly one of the two changed the message").isEqualTo(1);
            OutboxMessage now = stored(mail);
            assertThat(now.status()).isEqualTo(marked == 1 ? OutboxStatus.SENT : OutboxStatus.CANCELLED);
            assertThat(now.recipient()).isEqualTo(marked == 1 ? mail.recipient() : "");
        }
    }
}
