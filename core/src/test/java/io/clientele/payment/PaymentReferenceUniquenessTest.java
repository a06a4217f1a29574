package io.clientele.payment;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ConflictException;
import io.clientele.common.PageRequest;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.TestClientele;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * One provider reference belongs to one client of a tenant: otherwise cancelling or erasing one
 * client's method would detach another client's at the provider.
 */
class PaymentReferenceUniquenessTest {

    private final TestClientele t = new TestClientele();

    @Test
    void an_active_provider_reference_of_another_client_is_refused_and_nothing_is_saved() {
        Client ana = t.ana();
        Client bob = t.create(ClientDetails.named("Bob", "Martin"));
        t.clientele.paymentMethods().add(OWNER, TENANT, ana.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2030, 1), "pm_shared"));

        assertThatThrownBy(() -> t.clientele.paymentMethods().add(OWNER, TENANT, bob.id(),
                PaymentMethodInput.card("Visa", "4242", YearMonth.of(2030, 1), "pm_shared")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
        assertThat(t.clientele.paymentMethods().list(OWNER, TENANT, bob.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void a_cancelled_reference_or_one_in_another_tenant_may_be_saved_again() {
        Client ana = t.ana();
        var first = t.clientele.paymentMethods().add(OWNER, TENANT, ana.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2030, 1), "pm_reused"));
        t.clientele.paymentMethods().cancel(OWNER, TENANT, first.id(), t.paymentMethodVersion(first.id()));
        Client elsewhere = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Eve", "Durand"));

        assertThat(t.clientele.paymentMethods().add(OWNER, TENANT, ana.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2030, 1), "pm_reused")).active()).isTrue();
        assertThat(t.clientele.paymentMethods().add(OTHER_OWNER, OTHER_TENANT, elsewhere.id(), PaymentMethodInput.card(
                "Visa", "4242", YearMonth.of(2030, 1), "pm_reused")).active()).isTrue();
    }
}
