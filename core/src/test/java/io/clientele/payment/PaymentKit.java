package io.clientele.payment;

import static io.clientele.testing.TestClientele.ownerOf;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryPaymentMethodRepository;
import io.clientele.adapter.memory.RecordingPaymentGateway;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.CursorSeal;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.payment.model.PaymentMethodKind;
import io.clientele.payment.port.PaymentGateway;
import io.clientele.payment.service.PaymentMethodService;
import io.clientele.testing.TestClientele;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A {@link PaymentMethodService} on a {@link TestClientele}'s in-memory adapters, clock and ids,
 * with its own payment method store and a {@link RecordingPaymentGateway}, and a facade built on
 * the same adapters whose erasure runs the payment eraser (so erasure is tested independently of
 * the facade's own wiring). One per test.
 */
final class PaymentKit {

    final TestClientele t = TestClientele.inMemory();
    final InMemoryPaymentMethodRepository store = new InMemoryPaymentMethodRepository(t.memory.transactions());
    final RecordingPaymentGateway gateway = new RecordingPaymentGateway();
    final PaymentMethodService payments;
    final Clientele clientele;

    PaymentKit() {
        this((kit, recording) -> recording);
    }

    /**
     * A kit whose service reaches the recording gateway through {@code decorate}, which is given
     * the kit so the decoration can look at the stores while the provider is called.
     */
    PaymentKit(BiFunction<PaymentKit, PaymentGateway, PaymentGateway> decorate) {
        var m = t.memory;
        payments = new PaymentMethodService(new PaymentMethodService.Ports(
                new ClientGuard(m.clients(), m.tenantSettings()), m.audit(), m.events(), m.transactions(), t.clock,
                t.ids, store, decorate.apply(this, gateway), CursorSeal.withRandomKey()));
        clientele = m.installInto(Clientele.builder()).clock(t.clock).ids(t.ids)
                .invitations(TestClientele.INVITATIONS).pacer(t.clock::advance)
                .erasureParticipant(payments.eraser()).build();
    }

    /** A client of the tenant. */
    Client client(String firstName) {
        return client(TENANT, firstName);
    }

    /** A client of the given tenant. */
    Client client(TenantId tenant, String firstName) {
        return clientele.clients().create(ownerOf(tenant), tenant, ClientDetails.named(firstName, "Tester")
                .withEmail(firstName.toLowerCase(Locale.ROOT) + ".tester@example.com"));
    }

    /** The client acting for themself. */
    static Actor.ClientSelf self(Client client) {
        return new Actor.ClientSelf(client.id());
    }

    /** A Visa card ending in 4242, expiring in 2031-08, with the given provider reference. */
    static PaymentMethodInput visa(String providerRef) {
        return PaymentMethodInput.card("Visa", "4242", YearMonth.of(2031, 8), providerRef);
    }

    /** A SEPA mandate with the given provider reference. */
    static PaymentMethodInput sepa(String providerRef) {
        return PaymentMethodInput.of(PaymentMethodKind.SEPA_DEBIT, "", "3000", providerRef);
    }

    /** Saves a Visa card for the client as the owner. */
    PaymentMethod addVisa(Client client, String providerRef) {
        return payments.add(OWNER, TENANT, client.id(), visa(providerRef));
    }

    /** The stored method with this provider reference (the first one found). */
    PaymentMethod byRef(TenantId tenant, String providerRef) {
        return store.contents().stream().map(PaymentMethod.class::cast)
                .filter(m -> m.tenantId().equals(tenant) && m.providerRef().equals(providerRef))
                .findFirst().orElseThrow();
    }

    /** Erases the client through the facade. */
    void erase(Client client) {
        clientele.erasure().erase(OWNER, TENANT, client.id());
    }

    /** Everything every store holds, the payment store included, to show a command changed nothing. */
    Map<String, List<String>> storedState() {
        Map<String, List<String>> state = new HashMap<>(t.storedState());
        state.put(store.storeName(), store.contents().stream().map(String::valueOf).sorted().toList());
        return state;
    }

    /** Asserts that the call is refused naming the field and rule, and that no store changed. */
    void assertRefused(String field, String rule, ThrowingCallable call) {
        Map<String, List<String>> before = storedState();
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
        assertThat(storedState()).isEqualTo(before);
    }
}
