package io.clientele.order;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refunded order's credits never come back to the client, even through a cancelled booking. */
class CancelledOrderCreditsTest {

    private static final Actor BOOKING_FLOW = new Actor.SystemActor("booking-flow");

    private final TestClientele t = new TestClientele();

    @Test
    void a_used_credit_of_a_cancelled_order_is_revoked_when_its_booking_is_cancelled() {
        Client ana = t.ana();
        Order order = t.clientele.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase(
                "One class", 1, Period.ofMonths(1), "EUR", new BigDecimal("15.00"))));
        RedeemResult redeemed = t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "bk-1");
        assertThat(redeemed).isInstanceOf(RedeemResult.Redeemed.class);
        t.clientele.orders().cancel(OWNER, TENANT, order.id(), "refunded");

        List<Credit> afterCancel = t.clientele.credits().cancelBooking(BOOKING_FLOW, TENANT, "bk-1", "class cancelled");

        assertThat(afterCancel).extracting(Credit::state).containsExactly(CreditState.REVOKED);
        assertThat(t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "bk-2"))
                .isInstanceOf(RedeemResult.NoCreditAvailable.class);
        assertThat(t.clientele.credits().list(OWNER, TENANT, ana.id(), CreditState.REDEEMABLE, PageRequest.first())
                .items()).isEmpty();
    }

    @Test
    void a_used_credit_of_an_order_still_placed_comes_back_when_its_booking_is_cancelled() {
        Client ana = t.ana();
        t.clientele.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase("One class", 1,
                Period.ofMonths(1), "EUR", new BigDecimal("15.00"))));
        t.clientele.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "bk-1");

        List<Credit> afterCancel = t.clientele.credits().cancelBooking(BOOKING_FLOW, TENANT, "bk-1", "class cancelled");

        assertThat(afterCancel).extracting(Credit::state).containsExactly(CreditState.REDEEMABLE);
    }
}
