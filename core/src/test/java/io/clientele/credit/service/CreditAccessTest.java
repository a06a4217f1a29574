package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.credit.CreditKit.REASON;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.credit.CreditKit;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditIssue;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Who may do what with credits; a denial is typed, names the permission and changes nothing. */
class CreditAccessTest {

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");
    private final Credit credit = kit.issue(ana, 2).get(0);
    private final Actor.ClientSelf anaHerself = new Actor.ClientSelf(ana.id());
    private final Actor.ClientSelf boHimself = new Actor.ClientSelf(bo.id());

    private void deniedWithoutChange(Permission permission, List<Actor> actors, Consumer<Actor> call) {
        var before = kit.stored();
        for (Actor actor : actors) {
            ThrowingCallable attempt = () -> call.accept(actor);
            assertThatThrownBy(attempt).as(actor.describe())
                    .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                        assertThat(e.permission()).contains(permission);
                        assertThat(e.code()).isEqualTo("access_denied");
                    });
        }
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void issuing_credits_needs_issue_credits_and_is_for_staff_only() {
        deniedWithoutChange(Permission.ISSUE_CREDITS,
                List.of(staffWithout("manager-2", Permission.ISSUE_CREDITS), VIEWER, NOBODY, anaHerself),
                actor -> credits.issueMembershipCredits(actor, TENANT, ana.id(),
                CreditIssue.of(1, REASON)));

        assertThat(credits.issueMembershipCredits(Actor.Staff.of("desk-1", TENANT, Permission.ISSUE_CREDITS), TENANT,
                ana.id(),
                CreditIssue.of(1, REASON))).hasSize(1);
    }

    @Test
    void revoking_needs_revoke_credits_and_is_for_staff_only() {
        deniedWithoutChange(Permission.REVOKE_CREDITS,
                List.of(staffWithout("manager-2", Permission.REVOKE_CREDITS), VIEWER, NOBODY, anaHerself),
                actor -> credits.revoke(actor, TENANT, credit.id(), REASON));

        assertThat(credits.revoke(Actor.Staff.of("desk-1", TENANT, Permission.REVOKE_CREDITS), TENANT, credit.id(), REASON)
                .id()).isEqualTo(credit.id());
    }

    @Test
    void redeeming_is_for_staff_who_edit_clients_or_the_hosts_booking_flow() {
        deniedWithoutChange(Permission.EDIT_CLIENTS,
                List.of(staffWithout("manager-2", Permission.EDIT_CLIENTS), VIEWER, NOBODY, anaHerself),
                actor -> credits.redeem(actor, TENANT, ana.id(), "b-1"));

        assertThat(credits.redeem(Actor.Staff.of("desk-1", TENANT, Permission.EDIT_CLIENTS), TENANT, ana.id(), "b-1"))
                .isInstanceOf(RedeemResult.Redeemed.class);
        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-2")).isInstanceOf(RedeemResult.Redeemed.class);
    }

    @Test
    void cancelling_a_booking_is_for_staff_who_edit_clients_or_the_hosts_booking_flow() {
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1");
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-2");

        deniedWithoutChange(Permission.EDIT_CLIENTS,
                List.of(staffWithout("manager-2", Permission.EDIT_CLIENTS), VIEWER, NOBODY, anaHerself),
                actor -> credits.cancelBooking(actor, TENANT, "b-1", REASON));

        assertThat(credits.cancelBooking(Actor.Staff.of("desk-1", TENANT, Permission.EDIT_CLIENTS), TENANT, "b-1", REASON))
                .hasSize(1);
        assertThat(credits.cancelBooking(BOOKING_FLOW, TENANT, "b-2", REASON)).hasSize(1);
    }

    @Test
    void the_list_and_balances_need_view_clients_or_are_the_clients_own() {
        deniedWithoutChange(Permission.VIEW_CLIENTS, List.of(NOBODY, boHimself),
                actor -> credits.list(actor, TENANT, ana.id(), PageRequest.first()).items());
        deniedWithoutChange(Permission.VIEW_CLIENTS, List.of(NOBODY, boHimself),
                actor -> credits.balances(actor, TENANT, ana.id()));

        assertThat(credits.list(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).hasSize(2);
        assertThat(credits.list(anaHerself, TENANT, ana.id(), PageRequest.first()).items()).hasSize(2);
        assertThat(credits.balances(VIEWER, TENANT, ana.id())).hasSize(4);
    }

    @Test
    void the_ledger_needs_view_clients_and_is_for_staff_only() {
        deniedWithoutChange(Permission.VIEW_CLIENTS, List.of(NOBODY, anaHerself),
                actor -> credits.ledger(actor, TENANT, ana.id()));

        assertThat(credits.ledger(VIEWER, TENANT, ana.id())).hasSize(2);
        assertThat(credits.ledger(OWNER, TENANT, ana.id())).hasSize(2);
    }
}
