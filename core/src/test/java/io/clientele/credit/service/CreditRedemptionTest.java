package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.credit.CreditKit;
import io.clientele.credit.InterceptingCreditRepository;
import io.clientele.credit.NoIsolation;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Paying for bookings with credits, and giving them back when a booking is cancelled. */
class CreditRedemptionTest {

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client ana = kit.client("Ana");

    private Credit redeemed(RedeemResult result) {
        assertThat(result).isInstanceOf(RedeemResult.Redeemed.class);
        return ((RedeemResult.Redeemed) result).credit();
    }

    @Test
    void redemption_takes_the_soonest_expiry_first_credits_without_expiry_last_then_the_oldest_issued() {
        Credit noExpiryOld = kit.issue(ana, 1).get(0);
        kit.later(Duration.ofMinutes(1));
        Credit in30Days = kit.issueExpiringIn(ana, 1, Duration.ofDays(30)).get(0);
        kit.later(Duration.ofMinutes(1));
        Credit in10Days = kit.issueExpiringIn(ana, 1, Duration.ofDays(10)).get(0);
        kit.later(Duration.ofMinutes(1));
        Credit noExpiryNew = kit.issue(ana, 1).get(0);
        kit.later(Duration.ofMinutes(1));
        Credit alsoIn30DaysButNewer = kit.issue(ana, 1, in30Days.expiresAt()).get(0);

        List<Credit> order = List.of(
                redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1")),
                redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-2")),
                redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-3")),
                redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-4")),
                redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-5")));

        assertThat(order).extracting(Credit::id).containsExactly(in10Days.id(), in30Days.id(),
                alsoIn30DaysButNewer.id(), noExpiryOld.id(), noExpiryNew.id());
        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-6"))
                .isEqualTo(new RedeemResult.NoCreditAvailable());
    }

    @Test
    void a_redeemed_credit_records_its_booking_who_redeemed_it_and_a_ledger_line() {
        Credit credit = kit.issue(ana, 1).get(0);

        Credit after = redeemed(credits.redeem(OWNER, TENANT, ana.id(), " class-2026-03-04-yoga "));

        assertThat(after.id()).isEqualTo(credit.id());
        assertThat(after.state()).isEqualTo(CreditState.REDEEMED);
        assertThat(after.bookingRef()).contains("class-2026-03-04-yoga");
        assertThat(after.changedBy()).isEqualTo("staff:owner-1");
        assertThat(kit.reload(credit)).isEqualTo(after);
        CreditChange line = last(credits.ledger(OWNER, TENANT, ana.id()));
        assertThat(line.from()).contains(CreditState.REDEEMABLE);
        assertThat(line.to()).isEqualTo(CreditState.REDEEMED);
        assertThat(line.reason()).contains("class-2026-03-04-yoga");
    }

    @Test
    void a_credit_past_its_expiry_is_never_redeemed_even_before_the_sweep() {
        Credit expiring = kit.issueExpiringIn(ana, 1, Duration.ofDays(1)).get(0);
        kit.later(Duration.ofDays(1));
        var before = kit.stored();

        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1"))
                .isEqualTo(new RedeemResult.NoCreditAvailable());
        assertThat(kit.stored()).isEqualTo(before);
        assertThat(kit.reload(expiring).state()).as("not swept yet").isEqualTo(CreditState.REDEEMABLE);

        Credit lasting = kit.issue(ana, 1).get(0);
        assertThat(redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-2")).id()).isEqualTo(lasting.id());
        assertThat(kit.reload(expiring).state()).isEqualTo(CreditState.REDEEMABLE);
    }

    @Test
    void a_credit_is_redeemable_until_the_instant_before_its_expiry() {
        kit.issueExpiringIn(ana, 1, Duration.ofDays(1));
        kit.later(Duration.ofDays(1).minusNanos(1));

        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1")).isInstanceOf(RedeemResult.Redeemed.class);
    }

    @Test
    void without_credits_nothing_is_redeemed_and_nothing_changes() {
        Credit revoked = kit.issue(ana, 1).get(0);
        credits.revoke(OWNER, TENANT, revoked.id(), "mistake");
        var before = kit.stored();

        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1"))
                .isEqualTo(new RedeemResult.NoCreditAvailable());
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void an_erased_client_cannot_redeem() {
        kit.issue(ana, 1);
        kit.erase(ana);
        var before = kit.stored();

        assertThatThrownBy(() -> credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void cancelling_a_booking_reinstates_every_credit_it_took() {
        List<Credit> issued = kit.issue(ana, 3);
        Credit first = redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "family-class"));
        Credit second = redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "family-class"));
        Credit other = redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "other-class"));
        kit.later(Duration.ofHours(2));

        List<Credit> reinstated = credits.cancelBooking(BOOKING_FLOW, TENANT, "family-class", "class cancelled");

        assertThat(reinstated).extracting(Credit::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(reinstated).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(CreditState.REDEEMABLE);
            assertThat(c.bookingRef()).isEmpty();
            assertThat(c.reason()).isEqualTo("class cancelled");
            assertThat(kit.reload(c)).isEqualTo(c);
        });
        assertThat(kit.reload(other).state()).isEqualTo(CreditState.REDEEMED);
        assertThat(issued).hasSize(3);
        assertThat(credits.ledger(OWNER, TENANT, ana.id()))
                .filteredOn(l -> l.from().equals(Optional.of(CreditState.REDEEMED)))
                .extracting(CreditChange::to).containsOnly(CreditState.REDEEMABLE).hasSize(2);
        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "next-class"))
                .isInstanceOf(RedeemResult.Redeemed.class);
    }

    @Test
    void cancelling_a_booking_after_the_credit_expired_expires_it_instead() {
        kit.issueExpiringIn(ana, 1, Duration.ofDays(7));
        Credit paid = redeemed(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "late-class"));
        kit.later(Duration.ofDays(8));

        List<Credit> after = credits.cancelBooking(OWNER, TENANT, "late-class", "studio closed");

        assertThat(after).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(paid.id());
            assertThat(c.state()).isEqualTo(CreditState.EXPIRED);
        });
        assertThat(kit.reload(paid).state()).isEqualTo(CreditState.EXPIRED);
        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-2"))
                .isEqualTo(new RedeemResult.NoCreditAvailable());
    }

    @Test
    void cancelling_a_booking_twice_or_one_no_credit_paid_for_reinstates_nothing() {
        kit.issue(ana, 1);
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1");
        assertThat(credits.cancelBooking(BOOKING_FLOW, TENANT, "b-1", "cancelled")).hasSize(1);
        var before = kit.stored();

        assertThat(credits.cancelBooking(BOOKING_FLOW, TENANT, "b-1", "cancelled")).isEmpty();
        assertThat(credits.cancelBooking(BOOKING_FLOW, TENANT, "paid-by-card", "cancelled")).isEmpty();
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    @Tag("in-memory")
    void a_redemption_that_loses_a_credit_to_a_concurrent_one_takes_the_next_candidate() {
        Credit soonest = kit.issueExpiringIn(ana, 1, Duration.ofDays(3)).get(0);
        Credit next = kit.issueExpiringIn(ana, 1, Duration.ofDays(5)).get(0);
        AtomicBoolean rivalWent = new AtomicBoolean();
        var racing = new InterceptingCreditRepository(kit.t.memory.credits(), about -> {
            if (about.id().equals(soonest.id()) && rivalWent.compareAndSet(false, true)) {
                // a rival redemption commits the same credit between our read and our write
                kit.credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "rival-booking");
            }
        });
        CreditService loser = kit.service(new NoIsolation(), racing);

        Credit got = redeemed(loser.redeem(BOOKING_FLOW, TENANT, ana.id(), "our-booking"));

        assertThat(got.id()).isEqualTo(next.id());
        assertThat(kit.reload(soonest).bookingRef()).contains("rival-booking");
        assertThat(kit.reload(next).bookingRef()).contains("our-booking");
        assertThat(racing.updates()).isEqualTo(2);
        assertThat(credits.ledger(OWNER, TENANT, ana.id()))
                .filteredOn(l -> l.to() == CreditState.REDEEMED).hasSize(2)
                .extracting(CreditChange::creditId).containsExactlyInAnyOrder(soonest.id(), next.id());
    }

    @Test
    @Tag("in-memory")
    void a_redemption_that_keeps_losing_gives_up_after_bounded_attempts_and_changes_nothing() {
        kit.issue(ana, 2);
        var alwaysBeaten = new InterceptingCreditRepository(kit.t.memory.credits(), about -> {
            throw ConflictException.staleVersion("credit", about.id());
        });
        CreditService unlucky = kit.service(kit.t.memory.transactions(), alwaysBeaten);
        var before = kit.stored();

        assertThatThrownBy(() -> unlucky.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThat(alwaysBeaten.updates()).isEqualTo(CreditService.MAX_REDEEM_ATTEMPTS);
        assertThat(kit.stored()).isEqualTo(before);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
