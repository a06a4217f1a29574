package io.clientele.payment;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.adapter.memory.RecordingPaymentGateway;
import io.clientele.audit.model.AuditAction;
import io.clientele.client.model.Client;
import io.clientele.common.PageRequest;
import io.clientele.payment.model.PaymentGatewayException;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Erasure removes saved payment methods, detached at the gateway first; a gateway failure fails
 * the erasure as a whole, so it can be retried.
 */
class PaymentErasureTest {

    @Test
    @Tag("in-memory")
    void erasing_a_client_detaches_every_active_method_then_deletes_all_of_theirs() {
        List<Integer> storedWhileDetaching = new ArrayList<>();
        PaymentKit kit = new PaymentKit((k, recording) -> (tenant, ref) -> {
            storedWhileDetaching.add(k.store.contents().size());
            recording.detach(tenant, ref);
        });
        Client ana = kit.client("Ana");
        Client bo = kit.client("Bo");
        kit.addVisa(ana, "pm_ana_1");
        kit.addVisa(ana, "pm_ana_2");
        PaymentMethod old = kit.addVisa(ana, "pm_ana_old");
        kit.payments.cancel(OWNER, TENANT, old.id(), kit.t.paymentMethodVersion(old.id()));
        PaymentMethod bos = kit.addVisa(bo, "pm_bo");
        storedWhileDetaching.clear();

        kit.erase(ana);

        assertThat(kit.gateway.detached()).containsExactlyInAnyOrder("pm_ana_old", "pm_ana_1", "pm_ana_2")
                .containsOnlyOnce("pm_ana_old");
        assertThat(storedWhileDetaching).as("methods stored at each detach").containsExactly(4, 4);
        assertThat(kit.store.contents()).containsExactly(bos);
        assertThat(kit.payments.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
        assertThat(kit.t.reload(ana.id()).erased()).isTrue();
    }

    @Test
    @Tag("in-memory")
    void a_gateway_failure_fails_the_erasure_and_rolls_it_back_so_it_can_be_retried() {
        PaymentKit kit = new PaymentKit();
        Client ana = kit.client("Ana");
        PaymentMethod first = kit.addVisa(ana, "pm_a");
        PaymentMethod second = kit.addVisa(ana, "pm_b");
        kit.gateway.failFor("pm_b");
        Map<String, List<String>> before = kit.storedState();

        assertThatThrownBy(() -> kit.erase(ana)).isInstanceOfSatisfying(PaymentGatewayException.class, e -> {
            assertThat(e.code()).isEqualTo("payment_gateway");
            assertThat(e.paymentMethodId()).isEqualTo(second.id());
        });

        assertThat(kit.storedState()).as("nothing erased, nothing audited").isEqualTo(before);
        assertThat(kit.t.reload(ana.id()).erased()).isFalse();
        assertThat(kit.payments.list(OWNER, TENANT, ana.id(), PageRequest.first())
                .items()).extracting(PaymentMethod::status)
                .containsOnly(PaymentMethodStatus.ACTIVE);
        assertThat(kit.t.auditEntries(AuditAction.ERASED)).isEmpty();

        kit.gateway.recover();
        kit.erase(ana);

        assertThat(kit.t.reload(ana.id()).erased()).isTrue();
        assertThat(kit.store.contents()).isEmpty();
        assertThat(kit.gateway.calls()).extracting(RecordingPaymentGateway.Detach::providerRef,
                        RecordingPaymentGateway.Detach::succeeded)
                .as("the retry detaches again what the failed attempt had detached")
                .containsSubsequence(
                        org.assertj.core.groups.Tuple.tuple("pm_b", false),
                        org.assertj.core.groups.Tuple.tuple("pm_b", true));
        assertThat(kit.gateway.detached()).contains(first.providerRef(), second.providerRef());
    }

    @Test
    void the_eraser_can_run_twice_and_on_a_client_without_methods() {
        PaymentKit kit = new PaymentKit();
        Client ana = kit.client("Ana");
        Client bo = kit.client("Bo");
        kit.addVisa(ana, "pm_once");

        kit.payments.eraser().erase(TENANT, ana.id());
        kit.payments.eraser().erase(TENANT, ana.id());
        kit.payments.eraser().erase(TENANT, bo.id());

        assertThat(kit.store.contents()).isEmpty();
        assertThat(kit.gateway.detached()).containsExactly("pm_once");
    }
}
