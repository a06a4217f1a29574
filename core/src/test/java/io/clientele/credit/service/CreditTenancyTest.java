package io.clientele.credit.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.credit.CreditKit.REASON;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ClientId;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.credit.CreditKit;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditIssue;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Another tenant's clients and credits answer as not found from every credit use case, never as
 * forbidden, and are left untouched.
 */
class CreditTenancyTest {

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client olga = kit.otherTenantClient();
    private final Credit olgasCredit = kit.issue(olga, 2).get(0);

    private void notFound(String resource, ThrowingCallable call) {
        var before = kit.stored();
        assertThatThrownBy(call).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.resource()).isEqualTo(resource);
            assertThat(e.code()).isEqualTo("not_found");
        });
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void another_tenants_client_is_not_found_by_any_client_use_case() {
        ClientId id = olga.id();

        notFound("client", () -> credits.issueMembershipCredits(OWNER, TENANT, id,
                CreditIssue.of(1, REASON)));
        notFound("client", () -> credits.redeem(BOOKING_FLOW, TENANT, id, "b-1"));
        notFound("client", () -> credits.list(OWNER, TENANT, id, PageRequest.first()).items());
        notFound("client", () -> credits.balances(OWNER, TENANT, id));
        notFound("client", () -> credits.ledger(OWNER, TENANT, id));
    }

    @Test
    void an_unknown_client_is_not_found_either() {
        ClientId unknown = new ClientId(kit.unknownId().value());

        notFound("client", () -> credits.issueMembershipCredits(OWNER, TENANT, unknown,
                CreditIssue.of(1, REASON)));
        notFound("client", () -> credits.redeem(BOOKING_FLOW, TENANT, unknown, "b-1"));
        notFound("client", () -> credits.list(OWNER, TENANT, unknown, PageRequest.first()).items());
    }

    @Test
    void another_tenants_credit_cannot_be_revoked_and_is_not_found() {
        notFound("credit", () -> credits.revoke(OWNER, TENANT, olgasCredit.id(), REASON));
        notFound("credit", () -> credits.revoke(OWNER, TENANT, kit.unknownId(), REASON));

        assertThat(kit.reload(olgasCredit).state()).isEqualTo(CreditState.REDEEMABLE);
        assertThat(credits.revoke(OTHER_OWNER, OTHER_TENANT, olgasCredit.id(), REASON).state())
                .isEqualTo(CreditState.REVOKED);
    }

    @Test
    void cancelling_a_booking_reinstates_only_the_callers_tenants_credits() {
        Client ana = kit.client("Ana");
        kit.issue(ana, 1);
        Credit theirs = ((RedeemResult.Redeemed) credits.redeem(BOOKING_FLOW, OTHER_TENANT, olga.id(), "b-1"))
                .credit();
        Credit ours = ((RedeemResult.Redeemed) credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1")).credit();

        assertThat(credits.cancelBooking(BOOKING_FLOW, TENANT, "b-1", "cancelled")).extracting(Credit::id)
                .containsExactly(ours.id());

        assertThat(kit.reload(theirs).state()).isEqualTo(CreditState.REDEEMED);
        var before = kit.stored();
        assertThat(credits.cancelBooking(BOOKING_FLOW, TENANT, "b-1", "cancelled")).isEmpty();
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void a_tenants_list_never_shows_another_tenants_credits() {
        Client ana = kit.client("Ana");

        assertThat(credits.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
        assertThat(credits.list(OTHER_OWNER, OTHER_TENANT, olga.id(), PageRequest.first()).items()).hasSize(2);
        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-9"))
                .isEqualTo(new RedeemResult.NoCreditAvailable());
    }
}
