package io.clientele.order.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.adapter.memory.InMemoryOrderRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.OrderId;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.order.model.Money;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@link OrderRepository} contract, on the in-memory adapter. */
class InMemoryOrderRepositoryTest {

    private static final TenantId TENANT = TenantId.of("studio-a");
    private static final TenantId OTHER = TenantId.of("studio-b");
    private static final ClientId ANA = new ClientId(UUID.randomUUID());
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final MemoryTransactions tx = new MemoryTransactions();
    private final OrderRepository orders = new InMemoryOrderRepository(tx);

    private static Order order(TenantId tenant) {
        return Order.place(new OrderId(UUID.randomUUID()), tenant, ANA, List.of(new OrderLine.BookingReference("bk-1", "Yoga",
                Money.of("EUR", BigDecimal.TEN))), "staff:owner-1", NOW);
    }

    @Test
    void an_update_of_a_stale_version_is_a_conflict() {
        Order stored = orders.insert(order(TENANT));
        Order cancelled = orders.update(stored.cancel("staff:owner-1", "Refund", 0, 0, NOW));

        assertThat(cancelled.version()).isEqualTo(1);
        assertThatThrownBy(() -> orders.update(stored.cancel("staff:manager-1", "Refund too", 0, 0, NOW)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThat(orders.find(TENANT, stored.id())).contains(cancelled);
    }

    @Test
    void an_existing_id_cannot_be_inserted_again() {
        Order stored = orders.insert(order(TENANT));

        assertThatThrownBy(() -> orders.insert(stored))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
    }

    @Test
    void writes_of_a_unit_of_work_that_fails_are_undone() {
        Order stored = orders.insert(order(TENANT));
        Order fresh = order(TENANT);

        assertThatThrownBy(() -> tx.run(() -> {
            orders.insert(fresh);
            orders.update(stored.cancel("staff:owner-1", "Refund", 0, 0, NOW));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(orders.find(TENANT, fresh.id())).isEmpty();
        assertThat(orders.find(TENANT, stored.id())).hasValueSatisfying(
                o -> assertThat(o.status()).isEqualTo(OrderStatus.PLACED));
    }

    @Test
    void every_read_is_scoped_by_tenant() {
        Order stored = orders.insert(order(TENANT));
        orders.insert(order(OTHER));

        assertThat(orders.find(OTHER, stored.id())).isEmpty();
        assertThat(orders.listForLeadBooker(TENANT, ANA, PageRequest.first()).items()).containsExactly(stored);
        Order sameIdElsewhere = new Order(stored.id(), OTHER, ANA, stored.lines(), stored.total(),
                OrderStatus.PLACED, "staff:owner-1", NOW, Optional.empty(), 0);
        assertThatThrownBy(() -> orders.update(sameIdElsewhere)).isInstanceOf(ConflictException.class);
        assertThat(orders.find(TENANT, stored.id())).contains(stored);
    }
}
