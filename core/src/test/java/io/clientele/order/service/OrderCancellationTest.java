package io.clientele.order.service;

import static io.clientele.order.service.OrderKit.fiveSaunas;
import static io.clientele.order.service.OrderKit.massage;
import static io.clientele.order.service.OrderKit.tenClasses;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditState;
import io.clientele.order.model.Cancellation;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderEvents;
import io.clientele.order.model.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import java.util.Optional;

/** Cancelling an order and what becomes of its package credits. */
class OrderCancellationTest {

    private final OrderKit kit = new OrderKit();
    private final OrderService orders = kit.service;
    private final Client ana = kit.client("Ana");

    @Test
    void cancelling_revokes_the_unredeemed_package_credits_and_leaves_the_redeemed_ones() {
        Order order = kit.place(ana, tenClasses());
        List<Credit> granted = kit.credits(order);
        Credit first = kit.redeem(granted.get(0), "bk-100");
        Credit second = kit.redeem(granted.get(1), "bk-101");
        kit.t.clock.advance(Duration.ofHours(1));

        Order cancelled = orders.cancel(MANAGER, TENANT, order.id(), "  Refunded at the desk ");

        Map<CreditId, Credit> after = kit.credits(order).stream()
                .collect(Collectors.toMap(Credit::id, Function.identity()));
        assertThat(after.get(first.id())).isEqualTo(first);
        assertThat(after.get(second.id())).isEqualTo(second);
        assertThat(after.get(second.id()).bookingRef()).contains("bk-101");
        assertThat(after.values().stream().filter(c -> c.state() == CreditState.REVOKED)).hasSize(8)
                .allSatisfy(c -> {
                    assertThat(c.changedBy()).isEqualTo(MANAGER.describe());
                    assertThat(c.reason()).isEqualTo("order cancelled: Refunded at the desk");
                });
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellation()).contains(new Cancellation(kit.t.clock.instant(), MANAGER.describe(),
                "Refunded at the desk", 8, 2));
        assertThat(cancelled.cancelledAt()).contains(kit.t.clock.instant());
        assertThat(kit.t.<Optional<Order>>read(s -> s.orders().find(TENANT, order.id()))).contains(cancelled);
        assertThat(cancelled.version()).isEqualTo(1);
        assertThat(kit.t.memory.events().events(OrderEvents.OrderCancelled.class)).containsExactly(
                new OrderEvents.OrderCancelled(TENANT, order.id(), ana.id(), 8, 2, kit.t.clock.instant()));
    }

    @Test
    void credits_already_expired_stay_expired_and_count_as_kept() {
        Order order = kit.place(ana, tenClasses());
        kit.t.clock.set(Instant.parse("2026-07-01T00:00:00Z"));
        for (Credit credit : kit.credits(order)) {
            kit.t.stores.transactions().run(() -> kit.t.stores.credits()
                    .update(credit.expire("system:expiry-sweep", kit.t.clock.instant())));
        }

        Order cancelled = orders.cancel(OWNER, TENANT, order.id(), "Refund");

        assertThat(kit.credits(order)).extracting(Credit::state).containsOnly(CreditState.EXPIRED);
        assertThat(cancelled.cancellation().orElseThrow().creditsRevoked()).isZero();
        assertThat(cancelled.cancellation().orElseThrow().creditsKept()).isEqualTo(10);
    }

    @Test
    void cancelling_leaves_the_clients_other_credits_alone() {
        Order kept = kit.place(ana, fiveSaunas());
        Order order = kit.place(ana, tenClasses());

        orders.cancel(OWNER, TENANT, order.id(), "Refund");

        assertThat(kit.credits(kept)).extracting(Credit::state).containsOnly(CreditState.REDEEMABLE);
        assertThat(kit.t.<List<Credit>>read(s -> s.credits().listForClient(TENANT, ana.id(), CreditState.REDEEMABLE,
                kit.t.clock.instant())))
                .hasSize(5);
    }

    @Test
    void an_order_of_booking_references_only_cancels_with_no_credits_to_revoke() {
        Order order = kit.place(ana, massage("bk-1"));

        Order cancelled = orders.cancel(OWNER, TENANT, order.id(), "Client changed their mind");

        assertThat(cancelled.cancellation()).hasValueSatisfying(c -> {
            assertThat(c.creditsRevoked()).isZero();
            assertThat(c.creditsKept()).isZero();
        });
    }

    @Test
    void cancelling_twice_is_a_conflict_and_changes_nothing_the_second_time() {
        Order order = kit.place(ana, tenClasses());
        orders.cancel(OWNER, TENANT, order.id(), "Refund");
        var before = kit.state();

        assertThatThrownBy(() -> orders.cancel(OWNER, TENANT, order.id(), "Again"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.state()).isEqualTo(before);
    }

    @Test
    void a_cancellation_needs_a_one_line_reason_and_a_bad_one_changes_nothing() {
        Order order = kit.place(ana, tenClasses());
        var before = kit.state();

        for (String bad : new String[] {"", "   ", "two\nlines", "x".repeat(201)}) {
            assertThatThrownBy(() -> orders.cancel(OWNER, TENANT, order.id(), bad))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("reason"));
        }
        assertThatThrownBy(() -> orders.cancel(OWNER, TENANT, null, "Refund"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("orderId"));
        assertThat(kit.state()).isEqualTo(before);
    }

    @Test
    void an_erased_clients_order_can_still_be_cancelled() {
        Order order = kit.place(ana, tenClasses());
        kit.t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        Order cancelled = orders.cancel(OWNER, TENANT, order.id(), "Refund after erasure");

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(kit.credits(order)).extracting(Credit::state)
                .doesNotContain(CreditState.REDEEMABLE);
    }
}
