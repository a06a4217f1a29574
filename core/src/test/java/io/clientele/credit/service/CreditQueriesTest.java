package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.clientele.client.model.Client;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.credit.CreditKit;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credits section as the profile shows it: the list, the balances, the ledger. */
class CreditQueriesTest {

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");

    @Test
    void a_client_without_credits_has_a_zero_balance_in_every_state() {
        assertThat(credits.balances(VIEWER, TENANT, ana.id())).containsExactly(
                entry(CreditState.REDEEMABLE, 0L), entry(CreditState.REDEEMED, 0L),
                entry(CreditState.REVOKED, 0L), entry(CreditState.EXPIRED, 0L));
        assertThat(credits.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
        assertThat(credits.ledger(VIEWER, TENANT, ana.id())).isEmpty();
    }

    @Test
    void the_list_is_newest_first_and_filters_by_state_and_the_balances_count_each_state() {
        List<Credit> first = kit.issueExpiringIn(ana, 4, Duration.ofDays(1));
        kit.later(Duration.ofMinutes(1));
        List<Credit> second = kit.issue(ana, 2);
        kit.issue(bo, 3);
        credits.revoke(OWNER, TENANT, first.get(0).id(), "mistake");
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1");
        kit.later(Duration.ofDays(1));
        credits.expireDue(100);

        List<Credit> all = credits.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items();
        assertThat(all).hasSize(6);
        assertThat(all.subList(0, 2)).extracting(Credit::id)
                .containsExactlyInAnyOrderElementsOf(second.stream().map(Credit::id).toList());
        assertThat(credits.list(VIEWER, TENANT, ana.id(), CreditState.EXPIRED, PageRequest.first()).items()).hasSize(2)
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(CreditState.EXPIRED));
        assertThat(credits.list(VIEWER, TENANT, ana.id(), CreditState.REDEEMABLE, PageRequest.first())
                .items()).extracting(Credit::id)
                .containsExactlyInAnyOrderElementsOf(second.stream().map(Credit::id).toList());

        Map<CreditState, Long> balances = credits.balances(VIEWER, TENANT, ana.id());
        assertThat(balances).containsExactly(
                entry(CreditState.REDEEMABLE, 2L), entry(CreditState.REDEEMED, 1L),
                entry(CreditState.REVOKED, 1L), entry(CreditState.EXPIRED, 2L));
        for (CreditState state : CreditState.values()) {
            assertThat(balances.get(state))
                    .isEqualTo(credits.list(VIEWER, TENANT, ana.id(), state, PageRequest.first()).items().size());
        }
        assertThat(credits.balances(VIEWER, TENANT, bo.id())).containsEntry(CreditState.REDEEMABLE, 3L);
    }

    @Test
    void the_ledger_lists_every_change_oldest_first_with_actor_and_reason() {
        Credit credit = kit.issue(ana, 1).get(0);
        kit.later(Duration.ofMinutes(1));
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1");
        kit.later(Duration.ofMinutes(1));
        credits.cancelBooking(OWNER, TENANT, "b-1", "class cancelled");
        kit.later(Duration.ofMinutes(1));
        credits.revoke(OWNER, TENANT, credit.id(), "refunded");
        kit.issue(bo, 1);

        List<CreditChange> ledger = credits.ledger(VIEWER, TENANT, ana.id());

        assertThat(ledger).extracting(CreditChange::creditId).containsOnly(credit.id());
        assertThat(ledger).extracting(CreditChange::to).containsExactly(CreditState.REDEEMABLE,
                CreditState.REDEEMED, CreditState.REDEEMABLE, CreditState.REVOKED);
        assertThat(ledger).extracting(CreditChange::actor).containsExactly("staff:owner-1", "system:booking-flow",
                "staff:owner-1", "staff:owner-1");
        assertThat(ledger).extracting(CreditChange::reason).containsExactly(CreditKit.REASON,
                "redeemed for booking b-1", "class cancelled", "refunded");
        assertThat(ledger).extracting(CreditChange::at).isSorted();
    }

    @Test
    void a_client_sees_their_own_credits_and_balances() {
        kit.issue(ana, 2);
        Actor.ClientSelf self = new Actor.ClientSelf(ana.id());

        assertThat(credits.list(self, TENANT, ana.id(), PageRequest.first()).items()).hasSize(2);
        assertThat(credits.balances(self, TENANT, ana.id())).containsEntry(CreditState.REDEEMABLE, 2L);
    }
}
