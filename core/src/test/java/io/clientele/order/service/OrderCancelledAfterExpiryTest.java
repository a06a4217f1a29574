package io.clientele.order.service;

import static io.clientele.order.service.OrderKit.fiveSaunas;
import static io.clientele.order.service.OrderKit.tenClasses;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.audit.model.AuditAction;
import io.clientele.client.model.Client;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.order.model.Cancellation;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderEvents;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 17: cancelling an order after some of its package credits expired, before the
 * expiry sweep has recorded it, records their expiry and counts them among the credits kept; only
 * the credits still redeemable are revoked.
 */
class OrderCancelledAfterExpiryTest {

    private final OrderKit kit = new OrderKit();
    private final Client ana = kit.client("Ana");

    @Test
    void cancelling_an_order_whose_package_expired_keeps_those_credits_as_expired_and_revokes_the_others() {
        // placed 2026-03-02T09:00Z in a UTC studio: "10 classes" expire three months later, "5 saunas" never
        Order order = kit.place(ana, tenClasses(), fiveSaunas());
        kit.t.clock.set(Instant.parse("2026-06-02T09:00:00Z"));

        Order cancelled = kit.service.cancel(OWNER, TENANT, order.id(), "Refund");

        assertThat(cancelled.cancellation()).map(Cancellation::creditsRevoked).contains(5);
        assertThat(cancelled.cancellation()).map(Cancellation::creditsKept).contains(10);
        Map<CreditState, Long> states = kit.credits(order).stream()
                .collect(Collectors.groupingBy(Credit::state, Collectors.counting()));
        assertThat(states).isEqualTo(Map.of(CreditState.EXPIRED, 10L, CreditState.REVOKED, 5L));
        assertThat(kit.t.auditEntries(AuditAction.CREDIT_EXPIRED)).hasSize(10);
        assertThat(kit.t.auditEntries(AuditAction.CREDIT_REVOKED)).hasSize(5);
        assertThat(kit.t.memory.events().events(OrderEvents.OrderCancelled.class)).singleElement()
                .extracting(OrderEvents.OrderCancelled::creditsRevoked).isEqualTo(5);
    }
}
