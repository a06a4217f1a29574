package io.clientele.credit;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.clientele.common.CursorSeal;
import io.clientele.client.service.ClientGuard;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.audit.model.AuditAction;
import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditGrants;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.testing.LockStep;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Regression tests of issue 8, point 1, for the set-based expiry sweep: it reads the due credits
 * first and expires them in bulk later, so a credit whose state changes in between must be left
 * alone. Staff revoking a due credit (which records its expiry, by them) and the sweep run on
 * units of work without isolation, forced step by step in both orders: every due credit ends
 * expired exactly once, by whoever got the client's lock first. A credit that another instance,
 * its clock a little behind, redeemed after the sweep read it stays redeemed.
 */
class CreditSweepRaceTest {

    private final TestClientele t = new TestClientele(MemoryTransactions.interleaved());
    private final Client ana = t.ana();
    private final List<Credit> due = t.clientele.credits().issueMembershipCredits(OWNER, TENANT, ana.id(),
            CreditIssue.of(2, "trial").expiringAt(t.clock.instant().plus(Duration.ofDays(1))));

    @Test
    @Tag("in-memory")
    void a_revocation_waiting_for_the_sweeps_lock_finds_the_credit_expired_and_changes_nothing()
            throws InterruptedException {
        t.clock.advance(Duration.ofDays(2));

        LockStep.Outcomes outcomes = new LockStep(t.memory.transactions()).run(
                () -> t.clientele.credits().expireDue(10),
                () -> t.clientele.credits().revoke(OWNER, TENANT, due.get(0).id(), "taken back"));

        assertThat(outcomes.first().result()).isEqualTo(2);
        assertThat(outcomes.second().thrown()).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).reason())
                        .isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(expiryLines()).extracting(CreditChange::creditId, CreditChange::actor)
                .containsExactlyInAnyOrder(tuple(due.get(0).id(), CreditService.EXPIRY_JOB.describe()),
                        tuple(due.get(1).id(), CreditService.EXPIRY_JOB.describe()));
        assertThat(t.auditEntries(AuditAction.CREDIT_EXPIRED)).hasSize(2);
    }

    @Test
    @Tag("in-memory")
    void the_sweep_never_expires_a_credit_staff_revoked_while_it_waited_for_the_clients_lock()
            throws InterruptedException {
        t.clock.advance(Duration.ofDays(2));

        LockStep.Outcomes outcomes = new LockStep(t.memory.transactions()).run(
                () -> t.clientele.credits().revoke(OWNER, TENANT, due.get(0).id(), "taken back"),
                () -> t.clientele.credits().expireDue(10));

        assertThat(outcomes.first().succeeded()).as("the revocation: %s", outcomes.first()).isTrue();
        assertThat(outcomes.second().result()).as("credits the sweep expired").isEqualTo(1);
        assertThat(expiryLines()).extracting(CreditChange::creditId, CreditChange::actor)
                .containsExactlyInAnyOrder(tuple(due.get(0).id(), OWNER.describe()),
                        tuple(due.get(1).id(), CreditService.EXPIRY_JOB.describe()));
        assertThat(t.auditEntries(AuditAction.CREDIT_EXPIRED)).hasSize(2);
        assertThat(t.clientele.credits().expireDue(10)).as("a second sweep").isZero();
    }

    @Test
    @Tag("in-memory")
    void the_sweep_never_expires_a_credit_another_instance_redeemed_after_the_sweep_read_it() {
        Instant expiry = due.get(0).expiresAt().orElseThrow();
        t.clock.set(expiry.plusSeconds(1));
        AtomicBoolean raced = new AtomicBoolean();
        // between the sweep's read of the due credits and its bulk expiry, an instance whose clock
        // is two seconds behind redeems one of them, still valid by its clock
        InterceptingCreditRepository racing = new InterceptingCreditRepository(t.memory.credits(), about -> { },
                ids -> {
                    if (raced.compareAndSet(false, true)) {
                        Instant sweepNow = t.clock.instant();
                        t.clock.set(expiry.minusSeconds(1));
                        assertThat(t.clientele.credits().redeem(CreditKit.BOOKING_FLOW, TENANT, ana.id(), "bk-1"))
                                .isInstanceOf(RedeemResult.Redeemed.class);
                        t.clock.set(sweepNow);
                    }
                });
        CreditService sweeper = new CreditService(new CreditService.Ports(racing,
                t.clientele.memberships().standings(), new NoIsolation(), t.clock,
                new CreditGrants(racing, t.memory.audit(), t.memory.events(), t.clock, t.ids),
                new ClientGuard(t.memory.clients(), t.memory.tenantSettings()), CursorSeal.withRandomKey()));

        int expired = sweeper.expireDue(10);

        assertThat(raced).isTrue();
        assertThat(expired).isEqualTo(1);
        assertThat(t.memory.credits().listForClient(TENANT, ana.id()))
                .extracting(Credit::state).containsExactlyInAnyOrder(CreditState.REDEEMED, CreditState.EXPIRED);
        assertThat(expiryLines()).hasSize(1);
    }

    private List<CreditChange> expiryLines() {
        return t.memory.credits().changes(TENANT, ana.id()).stream()
                .filter(line -> line.to() == CreditState.EXPIRED).toList();
    }
}
