package io.clientele.order.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.Client;
import io.clientele.common.Actor;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.order.model.Order;
import io.clientele.testing.LockStep;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Regression for "cancelling an order while one of its bookings is cancelled leaves the refunded
 * credit redeemable". An order of two package credits, one of them redeemed for a booking; then the
 * order is cancelled while the booking is cancelled, on units of work without isolation, in both
 * orders, forced step by step. Closing the order's credits and giving the booking's credit back
 * never interleave (both take the lead booker's lock), so the credit ends revoked either way.
 */
class RaceOrderCancelTest {

    private static final Actor.SystemActor BOOKING_FLOW = new Actor.SystemActor("booking-flow");

    @Test
    @Tag("in-memory")
    void a_booking_cancelled_while_its_order_is_cancelled_never_gives_back_a_redeemable_credit()
            throws InterruptedException {
        long redeemableAfterCancel = 0;
        List<String> failures = new ArrayList<>();
        for (boolean orderFirst : List.of(true, false)) {
            TestClientele t = new TestClientele(MemoryTransactions.interleaved());
            Clientele c = t.clientele;
            Client ana = t.ana();
            Order order = c.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase(
                    "2 classes", 2, Period.ofMonths(3), "EUR", new BigDecimal("30.00"))));
            RedeemResult paid = c.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "bk-1");
            assertThat(paid).isInstanceOf(RedeemResult.Redeemed.class);

            LockStep step = new LockStep(t.memory.transactions());
            LockStep.Outcomes outcomes = orderFirst
                    ? step.run(() -> c.orders().cancel(OWNER, TENANT, order.id(), "Refund"),
                            () -> c.credits().cancelBooking(BOOKING_FLOW, TENANT, "bk-1", "Class cancelled"))
                    : step.run(() -> c.credits().cancelBooking(BOOKING_FLOW, TENANT, "bk-1", "Class cancelled"),
                            () -> c.orders().cancel(OWNER, TENANT, order.id(), "Refund"));

            String which = orderFirst ? "order cancelled first" : "booking cancelled first";
            if (!outcomes.first().succeeded() || !outcomes.second().succeeded()) {
                failures.add(which + ": " + outcomes);
            }
            List<Credit> credits = t.memory.credits().fromSource(TENANT, CreditSource.order(order.id()));
            long redeemable = credits.stream().filter(cr -> cr.isRedeemableAt(t.clock.instant())).count();
            redeemableAfterCancel += redeemable;
            assertThat(credits).as(which).hasSize(2)
                    .allSatisfy(cr -> assertThat(cr.state()).isEqualTo(CreditState.REVOKED));
            assertThat(c.credits().redeem(BOOKING_FLOW, TENANT, ana.id(), "bk-2")).as(which)
                    .isInstanceOf(RedeemResult.NoCreditAvailable.class);
        }
        System.out.println("RESULT name=race-order-cancel redeemable_after_cancel=" + redeemableAfterCancel);

        assertThat(failures).isEmpty();
        assertThat(redeemableAfterCancel).isZero();
    }
}
