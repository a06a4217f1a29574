package io.clientele.order.service;

import static io.clientele.order.service.OrderKit.fiveSaunas;
import static io.clientele.order.service.OrderKit.massage;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.Cursor;
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile's list of orders the client is lead booker of. */
class OrderListingTest {

    private final OrderKit kit = new OrderKit();
    private final OrderService orders = kit.service;
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");

    @Test
    void keyset_pages_list_the_lead_bookers_orders_newest_first_each_exactly_once() {
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            placed.add(kit.place(ana, massage("bk-" + i)));
            kit.place(bo, massage("bo-" + i));
            kit.t.clock.advance(Duration.ofMinutes(5));
        }

        List<Order> seen = new ArrayList<>();
        Page<Order> page = orders.listForClient(VIEWER, TENANT, ana.id(), PageRequest.first(3));
        seen.addAll(page.items());
        int pages = 1;
        while (page.hasNext()) {
            page = orders.listForClient(VIEWER, TENANT, ana.id(), PageRequest.after(page.next().orElseThrow(), 3));
            seen.addAll(page.items());
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(Order::id)
                .containsExactlyElementsOf(newestFirst(placed));
    }

    @Test
    void orders_placed_at_the_same_instant_page_by_id_without_loss_or_repeat() {
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(kit.place(ana, massage("bk-" + i)));
        }

        Page<Order> first = orders.listForClient(OWNER, TENANT, ana.id(), PageRequest.first(2));
        Page<Order> second = orders.listForClient(OWNER, TENANT, ana.id(),
                PageRequest.after(first.next().orElseThrow(), 2));
        Page<Order> third = orders.listForClient(OWNER, TENANT, ana.id(),
                PageRequest.after(second.next().orElseThrow(), 2));

        List<Order> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        all.addAll(third.items());
        assertThat(third.hasNext()).isFalse();
        assertThat(all).extracting(Order::id)
                .containsExactlyElementsOf(newestFirst(placed));
    }

    @Test
    void cancelled_orders_stay_in_the_list_with_their_status() {
        Order order = kit.place(ana, fiveSaunas());
        orders.cancel(OWNER, TENANT, order.id(), "Refund");

        assertThat(orders.listForClient(VIEWER, TENANT, ana.id(), PageRequest.first()).items())
                .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
    }

    @Test
    void a_client_without_orders_has_an_empty_last_page() {
        Page<Order> page = orders.listForClient(VIEWER, TENANT, ana.id(), PageRequest.first());

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void the_list_survives_the_clients_erasure() {
        Order order = kit.place(ana, fiveSaunas());
        kit.t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        assertThat(orders.listForClient(VIEWER, TENANT, ana.id(), PageRequest.first()).items())
                .extracting(Order::id).containsExactly(order.id());
    }

    @Test
    void a_cursor_clientele_did_not_make_is_a_validation_error() {
        kit.place(ana, fiveSaunas());

        for (Cursor bad : List.of(new Cursor("not-base64!"), Cursor.of("yesterday", "x"), Cursor.of("one"))) {
            assertThatThrownBy(() -> orders.listForClient(VIEWER, TENANT, ana.id(), PageRequest.after(bad, 10)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("cursor");
                        assertThat(e.rule()).isEqualTo("format");
                    });
        }
    }

    private static List<OrderId> newestFirst(List<Order> placed) {
        List<OrderId> ids = new ArrayList<>(placed.stream().map(Order::id).toList());
        Collections.reverse(ids);
        return ids;
    }
}
