package io.clientele.order.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.order.service.OrderKit.massage;
import static io.clientele.order.service.OrderKit.self;
import static io.clientele.order.service.OrderKit.tenClasses;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.NotFoundException;
import io.clientele.common.OrderId;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import java.util.Optional;

/** Who may do what with orders, and that another tenant's orders and clients are not found. */
class OrderAccessTest {

    private static final Actor.Staff CASHIER = Actor.Staff.of("cashier-1", TENANT, Permission.CREATE_ORDERS);
    private static final Actor.Staff NO_ORDERS = staffWithout("manager-2", Permission.CREATE_ORDERS);

    private final OrderKit kit = new OrderKit();
    private final OrderService orders = kit.service;
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");
    private final Order anasOrder = kit.place(ana, tenClasses());

    @Test
    void placing_an_order_needs_create_orders_and_a_denial_changes_nothing() {
        var before = kit.state();

        for (Actor denied : List.of(NO_ORDERS, VIEWER, NOBODY, self(ana))) {
            assertThatThrownBy(() -> orders.place(denied, TENANT, ana.id(), List.of(tenClasses())))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.CREATE_ORDERS));
        }
        assertThat(kit.state()).isEqualTo(before);

        Order placed = orders.place(CASHIER, TENANT, ana.id(), List.of(massage("bk-1")));
        assertThat(placed.createdBy()).isEqualTo(CASHIER.describe());
        assertThat(orders.place(new Actor.SystemActor("shop-import"), TENANT, ana.id(), List.of(massage("bk-2"))))
                .extracting(Order::status).isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void the_permission_is_checked_before_the_input() {
        assertThatThrownBy(() -> orders.place(NOBODY, TENANT, ana.id(), List.of()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> orders.cancel(NOBODY, TENANT, anasOrder.id(), ""))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void cancelling_an_order_needs_create_orders_and_a_denial_changes_nothing() {
        var before = kit.state();

        for (Actor denied : List.of(NO_ORDERS, VIEWER, NOBODY, self(ana))) {
            assertThatThrownBy(() -> orders.cancel(denied, TENANT, anasOrder.id(), "Refund"))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.CREATE_ORDERS));
        }
        assertThat(kit.state()).isEqualTo(before);

        assertThat(orders.cancel(CASHIER, TENANT, anasOrder.id(), "Refund").status())
                .isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void reading_orders_needs_view_clients_or_being_the_lead_booker() {
        assertThat(orders.get(VIEWER, TENANT, anasOrder.id())).isEqualTo(anasOrder);
        assertThat(orders.listForClient(VIEWER, TENANT, ana.id(), PageRequest.first()).items())
                .containsExactly(anasOrder);
        assertThat(orders.get(self(ana), TENANT, anasOrder.id())).isEqualTo(anasOrder);
        assertThat(orders.listForClient(self(ana), TENANT, ana.id(), PageRequest.first()).items())
                .containsExactly(anasOrder);

        for (Actor denied : List.of(NOBODY, CASHIER)) {
            assertThatThrownBy(() -> orders.get(denied, TENANT, anasOrder.id()))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
            assertThatThrownBy(() -> orders.listForClient(denied, TENANT, ana.id(), PageRequest.first()))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        }
        assertThatThrownBy(() -> orders.listForClient(self(bo), TENANT, ana.id(), PageRequest.first()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void another_clients_order_is_not_found_for_a_client_acting_for_themself() {
        assertThatThrownBy(() -> orders.get(self(bo), TENANT, anasOrder.id()))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.resource()).isEqualTo("order"));
    }

    @Test
    void placing_for_another_tenants_client_is_not_found_and_changes_nothing() {
        Client olga = kit.otherTenantClient();
        var before = kit.state();

        assertThatThrownBy(() -> orders.place(OWNER, TENANT, olga.id(), List.of(tenClasses())))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.resource()).isEqualTo("client"));
        assertThatThrownBy(() -> orders.place(OWNER, TENANT, new ClientId(UUID.randomUUID()),
                List.of(tenClasses())))
                .isInstanceOf(NotFoundException.class);
        assertThat(kit.state()).isEqualTo(before);

        Order olgasOrder = orders.place(OTHER_OWNER, OTHER_TENANT, olga.id(), List.of(tenClasses()));
        assertThat(kit.credits(OTHER_TENANT, olgasOrder)).hasSize(10);
        assertThat(kit.credits(TENANT, olgasOrder)).isEmpty();
    }

    @Test
    void cancelling_another_tenants_order_is_not_found_and_changes_nothing() {
        var before = kit.state();

        assertThatThrownBy(() -> orders.cancel(OTHER_OWNER, OTHER_TENANT, anasOrder.id(), "Refund"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.resource()).isEqualTo("order"));
        assertThat(kit.state()).isEqualTo(before);
        assertThat(kit.t.<Optional<Order>>read(s -> s.orders().find(TENANT, anasOrder.id()))).contains(anasOrder);
    }

    @Test
    void reading_another_tenants_order_or_clients_orders_is_not_found() {
        assertThatThrownBy(() -> orders.get(OTHER_OWNER, OTHER_TENANT, anasOrder.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> orders.get(self(ana), OTHER_TENANT, anasOrder.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> orders.listForClient(OTHER_OWNER, OTHER_TENANT, ana.id(), PageRequest.first()))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.resource()).isEqualTo("client"));
        assertThatThrownBy(() -> orders.get(OWNER, TENANT, new OrderId(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
    }
}
