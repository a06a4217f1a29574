package io.clientele.order.service;

import static io.clientele.testing.TestClientele.ownerOf;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.CursorSeal;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.port.CreditRepository;
import io.clientele.credit.service.CreditGrants;
import io.clientele.order.port.OrderRepository;
import io.clientele.order.model.Order;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link OrderService} on the stores of a {@link TestClientele} ({@link TestClientele#stores}:
 * the in-memory adapters, or a test backend's), its clock and id generator, and a few ready-made
 * order lines. One per test.
 */
final class OrderKit {

    final TestClientele t = new TestClientele();
    final OrderRepository orders = t.stores.orders();
    final OrderService service = serviceOver(t.stores.credits());

    /** An order service whose credit grants go through {@code credits}. */
    OrderService serviceOver(CreditRepository credits) {
        CreditGrants grants = new CreditGrants(credits, t.stores.audit(), t.stores.events(), t.clock, t.ids);
        ClientGuard guard = new ClientGuard(t.stores.clients(), t.memory.tenantSettings());
        return new OrderService(new OrderService.Ports(guard, t.memory.tenantSettings(), orders, grants,
                t.stores.audit(), t.stores.events(), t.stores.transactions(), t.clock, t.ids,
                CursorSeal.withRandomKey()));
    }

    /** "10 classes" valid three months, EUR 120. */
    static OrderLineInput tenClasses() {
        return OrderLineInput.packagePurchase("10 classes", 10, Period.ofMonths(3), "EUR", amount("120.00"));
    }

    /** "5 saunas" that never expire, EUR 40. */
    static OrderLineInput fiveSaunas() {
        return OrderLineInput.packageWithoutExpiry("5 saunas", 5, "EUR", amount("40"));
    }

    /** A reference to the host's booking {@code ref}, EUR 65. */
    static OrderLineInput massage(String ref) {
        return OrderLineInput.bookingReference(ref, "Massage, 12 March 18:00", "EUR", amount("65.00"));
    }

    static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    /** A client of the tenant. */
    Client client(String firstName) {
        return t.create(ClientDetails.named(firstName, "Tester")
                .withEmail(firstName.toLowerCase(Locale.ROOT) + ".tester@example.com"));
    }

    /** A client of the other tenant. */
    Client otherTenantClient() {
        return t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Olga", "Elsewhere"));
    }

    /** Places an order as the owner. */
    Order place(Client client, OrderLineInput... lines) {
        return service.place(ownerOf(client.tenantId()), client.tenantId(), client.id(), List.of(lines));
    }

    /** Every credit the order granted, read from the store. */
    List<Credit> credits(Order order) {
        return credits(order.tenantId(), order);
    }

    List<Credit> credits(TenantId tenant, Order order) {
        return t.read(s -> s.credits().fromSource(tenant, CreditSource.order(order.id())));
    }

    /** Redeems the credit for a booking, as the credit context would, straight through the store. */
    Credit redeem(Credit credit, String booking) {
        return t.stores.transactions().inTransaction(() -> t.stores.credits()
                .update(credit.redeem(booking, "staff:front-desk", "booked", t.clock.instant())));
    }

    /** The client acting for themself. */
    static Actor.ClientSelf self(Client client) {
        return new Actor.ClientSelf(client.id());
    }

    /** What every store holds, orders included: compare before and after a rejected command. */
    Map<String, List<String>> state() {
        return t.storedState();
    }
}
