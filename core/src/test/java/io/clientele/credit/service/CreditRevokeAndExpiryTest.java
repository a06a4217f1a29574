package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.clientele.audit.model.AuditAction;
import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.common.PageRequest;
import io.clientele.credit.CreditKit;
import io.clientele.credit.InterceptingCreditRepository;
import io.clientele.credit.NoIsolation;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditEvents;
import io.clientele.credit.model.CreditState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Revoking credits by hand, and the job that expires overdue ones. */
class CreditRevokeAndExpiryTest {

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client ana = kit.client("Ana");

    @Test
    void staff_revoke_a_redeemable_credit_with_a_reason() {
        Credit credit = kit.issue(ana, 1).get(0);
        kit.later(Duration.ofMinutes(5));

        Credit revoked = credits.revoke(MANAGER, TENANT, credit.id(), "issued to the wrong client");

        assertThat(revoked.state()).isEqualTo(CreditState.REVOKED);
        assertThat(revoked.changedBy()).isEqualTo("staff:manager-1");
        assertThat(revoked.changedAt()).isEqualTo(kit.t.clock.instant());
        assertThat(kit.reload(credit)).isEqualTo(revoked);
        CreditChange line = last(credits.ledger(OWNER, TENANT, ana.id()));
        assertThat(line.from()).contains(CreditState.REDEEMABLE);
        assertThat(line.to()).isEqualTo(CreditState.REVOKED);
        assertThat(line.reason()).isEqualTo("issued to the wrong client");
        assertThat(kit.t.memory.events().events(CreditEvents.CreditChanged.class))
                .singleElement().satisfies(e -> assertThat(e.to()).isEqualTo(CreditState.REVOKED));
    }

    @Test
    void only_a_redeemable_credit_can_be_revoked() {
        List<Credit> issued = kit.issueExpiringIn(ana, 3, Duration.ofDays(1));
        credits.revoke(OWNER, TENANT, issued.get(0).id(), "first revoke");
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1");
        kit.later(Duration.ofDays(2));
        credits.expireDue(100);
        List<Credit> notRedeemable = credits.list(OWNER, TENANT, ana.id(), PageRequest.first()).items();
        assertThat(notRedeemable).extracting(Credit::state)
                .containsExactlyInAnyOrder(CreditState.REVOKED, CreditState.REDEEMED, CreditState.EXPIRED);
        var before = kit.stored();

        for (Credit credit : notRedeemable) {
            assertThatThrownBy(() -> credits.revoke(OWNER, TENANT, credit.id(), "again"))
                    .as(credit.state().name())
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        }
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void an_erased_clients_credits_cannot_be_revoked_but_stay_in_the_ledger() {
        Credit credit = kit.issue(ana, 1).get(0);
        kit.erase(ana);
        var before = kit.stored();

        assertThatThrownBy(() -> credits.revoke(OWNER, TENANT, credit.id(), "cleanup"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.stored()).isEqualTo(before);
        // erasure kept the credit and its state, and blanked the staff's free-text reason
        assertThat(credits.list(OWNER, TENANT, ana.id(), PageRequest.first())
                .items()).singleElement().satisfies(kept -> {
            assertThat(kept.id()).isEqualTo(credit.id());
            assertThat(kept.state()).isEqualTo(credit.state());
            assertThat(kept.reason()).isEqualTo("[erased]");
        });
        assertThat(credits.ledger(OWNER, TENANT, ana.id())).hasSize(1);
    }

    @Test
    void the_sweep_expires_redeemable_credits_past_their_expiry_and_nothing_else() {
        Credit dueSoon = kit.issueExpiringIn(ana, 1, Duration.ofDays(1)).get(0);
        Credit dueLater = kit.issueExpiringIn(ana, 1, Duration.ofDays(30)).get(0);
        Credit never = kit.issue(ana, 1).get(0);
        Credit redeemedBeforeExpiry = kit.issueExpiringIn(ana, 1, Duration.ofHours(1)).get(0);
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1");
        kit.later(Duration.ofDays(1));

        assertThat(credits.expireDue(100)).isEqualTo(1);

        assertThat(kit.reload(dueSoon).state()).isEqualTo(CreditState.EXPIRED);
        assertThat(kit.reload(dueSoon).changedBy()).isEqualTo("system:credit-expiry");
        assertThat(kit.reload(dueLater).state()).isEqualTo(CreditState.REDEEMABLE);
        assertThat(kit.reload(never).state()).isEqualTo(CreditState.REDEEMABLE);
        assertThat(kit.reload(redeemedBeforeExpiry).state()).isEqualTo(CreditState.REDEEMED);
        CreditChange line = last(credits.ledger(OWNER, TENANT, ana.id()));
        assertThat(line.creditId()).isEqualTo(dueSoon.id());
        assertThat(line.from()).contains(CreditState.REDEEMABLE);
        assertThat(line.to()).isEqualTo(CreditState.EXPIRED);
        assertThat(line.actor()).isEqualTo("system:credit-expiry");
    }

    @Test
    void the_sweep_is_idempotent() {
        kit.issueExpiringIn(ana, 3, Duration.ofDays(1));
        kit.later(Duration.ofDays(2));
        assertThat(credits.expireDue(100)).isEqualTo(3);
        var before = kit.stored();

        assertThat(credits.expireDue(100)).isZero();
        assertThat(credits.expireDue(100)).isZero();
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void the_sweep_handles_at_most_its_limit_per_run() {
        kit.issueExpiringIn(ana, 5, Duration.ofDays(1));
        kit.later(Duration.ofDays(1));

        assertThat(List.of(credits.expireDue(2), credits.expireDue(2), credits.expireDue(2), credits.expireDue(2)))
                .containsExactly(2, 2, 1, 0);
        assertThat(credits.balances(OWNER, TENANT, ana.id())).containsEntry(CreditState.EXPIRED, 5L);
    }

    @Test
    void the_sweep_covers_every_tenant() {
        Client olga = kit.otherTenantClient();
        Credit ours = kit.issueExpiringIn(ana, 1, Duration.ofDays(1)).get(0);
        Credit theirs = kit.issueExpiringIn(olga, 1, Duration.ofDays(1)).get(0);
        kit.later(Duration.ofDays(1));

        assertThat(credits.expireDue(10)).isEqualTo(2);
        assertThat(kit.reload(ours).state()).isEqualTo(CreditState.EXPIRED);
        assertThat(kit.reload(theirs).state()).isEqualTo(CreditState.EXPIRED);
    }

    @Test
    @Tag("in-memory")
    void the_sweep_skips_a_credit_whose_expiry_staff_recorded_while_it_ran() {
        List<Credit> due = kit.issueExpiringIn(ana, 2, Duration.ofDays(1));
        kit.later(Duration.ofDays(1));
        // staff revoke the first due credit between the sweep's read and its bulk expiry; it is
        // past its expiry, so the revocation records its expiry
        AtomicBoolean raced = new AtomicBoolean();
        var racing = new InterceptingCreditRepository(kit.t.memory.credits(), about -> { }, ids -> {
            if (raced.compareAndSet(false, true)) {
                assertThat(ids).contains(due.get(0).id());
                kit.credits.revoke(OWNER, TENANT, due.get(0).id(), "taken back");
            }
        });
        CreditService sweeper = kit.service(new NoIsolation(), racing);

        assertThat(sweeper.expireDue(10)).isEqualTo(1);

        assertThat(raced).isTrue();
        assertThat(due).extracting(c -> kit.reload(c).state()).containsOnly(CreditState.EXPIRED);
        assertThat(kit.t.memory.credits().changes(TENANT, ana.id()))
                .filteredOn(line -> line.to() == CreditState.EXPIRED)
                .extracting(CreditChange::creditId, CreditChange::actor)
                .containsExactlyInAnyOrder(tuple(due.get(0).id(), OWNER.describe()),
                        tuple(due.get(1).id(), CreditService.EXPIRY_JOB.describe()));
        assertThat(kit.t.auditEntries(AuditAction.CREDIT_EXPIRED)).hasSize(2);
        assertThat(credits.expireDue(10)).isZero();
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
