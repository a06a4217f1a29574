package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.invalid;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.model.OrderStatus;
import io.clientele.order.port.OrderRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OrderRepository}: orders are stored at version 0, an existing id is a
 * {@code DUPLICATE}, and they are found in their tenant only; updates are version-checked ({@code
 * STALE_VERSION}); a lead booker's orders are keyset-paged newest first (created time, then id,
 * both descending), and a cursor the adapter did not make is a validation error on {@code
 * cursor}; the erasure replaces the free text of one client's orders and keeps amounts, dates and
 * package names; a rolled-back unit of work leaves nothing.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class OrderRepositoryContract {

    private OrderRepository orders;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' orders: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<OrderRepository> createAdapter();

    @BeforeEach
    void setUpOrderRepositoryContract() {
        PortUnderTest<OrderRepository> adapter = createAdapter();
        orders = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private Order insert(Order order) {
        return tx.inTransaction(() -> orders.insert(order));
    }

    private Order update(Order order) {
        return tx.inTransaction(() -> orders.update(order));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<Order> find(TenantId in, Order order) {
        return read(() -> orders.find(in, order.id()));
    }

    private Order cancelled(Order order, String reason) {
        return order.cancel("staff:testkit", reason, 5, 0, fx.now());
    }

    @Test
    void a_new_order_is_stored_at_version_0_and_found_in_its_tenant_only() {
        Order order = fx.order(tenant, ana);

        Order stored = insert(order.withVersion(6));

        assertThat(stored).isEqualTo(order);
        assertThat(find(tenant, order)).contains(order);
        assertThat(find(otherTenant, order)).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        Order order = insert(fx.order(tenant, ana));
        Order current = update(cancelled(order, "Refund"));

        duplicate(() -> insert(order));

        assertThat(find(tenant, order)).contains(current);
    }

    @Test
    void an_update_is_version_checked_and_raises_the_version() {
        Order order = insert(fx.order(tenant, ana));

        Order current = update(cancelled(order, "Refund"));
        stale(() -> update(cancelled(order, "Refund twice")));

        assertThat(current.version()).isEqualTo(1);
        assertThat(current.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(find(tenant, order)).contains(current);
    }

    @Test
    void a_lead_booker_s_orders_are_paged_newest_first_by_created_time_then_id() {
        List<Order> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            newestFirst.add(0, insert(fx.order(tenant, ana)));
            newestFirst.add(0, insert(fx.order(tenant, ana)));
            fx.advance(Duration.ofMinutes(1));
        }
        insert(fx.order(tenant, fx.newClientId()));
        insert(fx.order(otherTenant, ana));

        List<Order> listed = new ArrayList<>();
        Page<Order> page = read(() -> orders.listForLeadBooker(tenant, ana, PageRequest.first(4)));
        listed.addAll(page.items());
        Page<Order> next = read(() -> orders.listForLeadBooker(tenant, ana,
                PageRequest.after(page.next().orElseThrow(), 4)));
        listed.addAll(next.items());

        assertThat(page.items()).hasSize(4);
        assertThat(next.hasNext()).isFalse();
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(read(() -> orders.listForLeadBooker(otherTenant, fx.newClientId(), PageRequest.first(4))).items())
                .isEmpty();
    }

    @Test
    void a_cursor_the_adapter_did_not_make_is_a_validation_error_on_the_cursor() {
        insert(fx.order(tenant, ana));

        invalid("cursor", () -> read(() -> orders.listForLeadBooker(tenant, ana,
                PageRequest.after(new Cursor("garbage"), 10))));
        invalid("cursor", () -> read(() -> orders.listForLeadBooker(tenant, ana,
                PageRequest.after(Cursor.of("not", "a", "position"), 10))));
    }

    @Test
    void erasure_replaces_the_free_text_of_the_client_s_orders_and_keeps_the_rest() {
        Order placed = insert(fx.order(tenant, ana));
        Order cancelled = update(cancelled(insert(fx.order(tenant, ana)), "Ana moved away"));
        Order beas = insert(fx.order(tenant, fx.newClientId()));
        Order elsewhere = insert(fx.order(otherTenant, ana));

        tx.run(() -> orders.eraseText(tenant, ana));

        Order erased = find(tenant, placed).orElseThrow();
        assertThat(erased.lines()).hasSize(2);
        assertThat(erased.lines().get(0)).isEqualTo(placed.lines().get(0));
        OrderLine.BookingReference booking = (OrderLine.BookingReference) erased.lines().get(1);
        OrderLine.BookingReference before = (OrderLine.BookingReference) placed.lines().get(1);
        assertThat(booking.description()).isEqualTo(Order.ERASED_TEXT);
        assertThat(booking.bookingRef()).isEqualTo(before.bookingRef());
        assertThat(booking.price()).isEqualTo(before.price());
        assertThat(erased.total()).isEqualTo(placed.total());
        assertThat(erased.createdAt()).isEqualTo(placed.createdAt());
        Order erasedCancelled = find(tenant, cancelled).orElseThrow();
        assertThat(erasedCancelled.cancellation().orElseThrow().reason()).isEqualTo(Order.ERASED_TEXT);
        assertThat(erasedCancelled.cancellation().orElseThrow().creditsRevoked()).isEqualTo(5);
        assertThat(find(tenant, beas)).contains(beas);
        assertThat(find(otherTenant, elsewhere)).contains(elsewhere);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_order_no_change_and_no_erasure() {
        Order kept = insert(fx.order(tenant, ana));
        Order added = fx.order(tenant, ana);

        rolledBack(tx, () -> {
            orders.insert(added);
            orders.update(cancelled(kept, "Refund"));
            orders.eraseText(tenant, ana);
        });

        assertThat(find(tenant, added)).isEmpty();
        assertThat(find(tenant, kept)).contains(kept);
    }
}
