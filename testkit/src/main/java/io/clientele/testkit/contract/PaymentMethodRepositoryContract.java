package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodStatus;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PaymentMethodRepository}: methods are stored at version 0, never replaced
 * by an insert, and found in their tenant only; updates are version-checked ({@code
 * STALE_VERSION}); a client's methods are listed newest first, cancelled ones included; the active
 * method with a provider reference is found whichever client holds it, in the tenant only; the
 * erasure deletes every method of one client, answers how many, and is idempotent; a rolled-back
 * unit of work leaves nothing.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class PaymentMethodRepositoryContract {

    private PaymentMethodRepository methods;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' payment methods: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<PaymentMethodRepository> createAdapter();

    @BeforeEach
    void setUpPaymentMethodRepositoryContract() {
        PortUnderTest<PaymentMethodRepository> adapter = createAdapter();
        methods = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private PaymentMethod insert(PaymentMethod method) {
        return tx.inTransaction(() -> methods.insert(method));
    }

    private PaymentMethod update(PaymentMethod method) {
        return tx.inTransaction(() -> methods.update(method));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<PaymentMethod> find(TenantId in, PaymentMethod method) {
        return read(() -> methods.find(in, method.id()));
    }

    private String ref() {
        return Fixtures.providerReference();
    }

    @Test
    void a_new_method_is_stored_at_version_0_and_found_in_its_tenant_only() {
        PaymentMethod card = fx.paymentMethod(tenant, ana, ref());

        PaymentMethod stored = insert(card.withVersion(9));

        assertThat(stored).isEqualTo(card);
        assertThat(find(tenant, card)).contains(card);
        assertThat(find(otherTenant, card)).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        PaymentMethod card = insert(fx.paymentMethod(tenant, ana, ref()));
        PaymentMethod cancelled = update(card.cancel(fx.now()));

        duplicate(() -> insert(card));

        assertThat(find(tenant, card)).contains(cancelled);
    }

    @Test
    void an_update_is_version_checked_and_raises_the_version() {
        PaymentMethod card = insert(fx.paymentMethod(tenant, ana, ref()));

        PaymentMethod cancelled = update(card.cancel(fx.now()));
        stale(() -> update(card.cancel(fx.now().plusSeconds(1))));

        assertThat(cancelled.version()).isEqualTo(1);
        assertThat(cancelled.status()).isEqualTo(PaymentMethodStatus.CANCELLED);
        assertThat(find(tenant, card)).contains(cancelled);
    }

    @Test
    void a_client_s_methods_are_listed_newest_first_cancelled_ones_included() {
        PaymentMethod first = insert(fx.paymentMethod(tenant, ana, ref()));
        fx.advance(Duration.ofDays(1));
        PaymentMethod second = update(insert(fx.paymentMethod(tenant, ana, ref())).cancel(fx.now()));
        fx.advance(Duration.ofDays(1));
        PaymentMethod third = insert(fx.paymentMethod(tenant, ana, ref()));
        insert(fx.paymentMethod(tenant, fx.newClientId(), ref()));
        insert(fx.paymentMethod(otherTenant, ana, ref()));

        assertThat(read(() -> methods.listForClient(tenant, ana))).containsExactly(third, second, first);
        assertThat(read(() -> methods.listForClient(tenant, fx.newClientId()))).isEmpty();
    }

    @Test
    void the_active_method_with_a_provider_reference_is_found_whichever_client_holds_it_in_the_tenant_only() {
        String shared = ref();
        PaymentMethod cancelled = update(insert(fx.paymentMethod(tenant, ana, shared)).cancel(fx.now()));
        assertThat(read(() -> methods.findActiveByProviderRef(tenant, shared))).isEmpty();
        ClientId bea = fx.newClientId();
        PaymentMethod active = insert(fx.paymentMethod(tenant, bea, shared));
        insert(fx.paymentMethod(otherTenant, ana, ref()));

        assertThat(read(() -> methods.findActiveByProviderRef(tenant, shared))).contains(active);
        assertThat(read(() -> methods.findActiveByProviderRef(otherTenant, shared))).isEmpty();
        assertThat(read(() -> methods.findActiveByProviderRef(tenant, ref()))).isEmpty();
        assertThat(find(tenant, cancelled)).contains(cancelled);
    }

    @Test
    void erasure_deletes_every_method_of_the_client_counts_them_and_can_run_again() {
        insert(fx.paymentMethod(tenant, ana, ref()));
        update(insert(fx.paymentMethod(tenant, ana, ref())).cancel(fx.now()));
        ClientId bea = fx.newClientId();
        PaymentMethod beas = insert(fx.paymentMethod(tenant, bea, ref()));
        PaymentMethod elsewhere = insert(fx.paymentMethod(otherTenant, ana, ref()));

        assertThat(tx.inTransaction(() -> methods.deleteAllForClient(tenant, ana))).isEqualTo(2);
        assertThat(tx.inTransaction(() -> methods.deleteAllForClient(tenant, ana))).isZero();

        assertThat(read(() -> methods.listForClient(tenant, ana))).isEmpty();
        assertThat(read(() -> methods.listForClient(tenant, bea))).containsExactly(beas);
        assertThat(read(() -> methods.listForClient(otherTenant, ana))).containsExactly(elsewhere);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_method_no_change_and_deletes_nothing() {
        PaymentMethod kept = insert(fx.paymentMethod(tenant, ana, ref()));
        PaymentMethod added = fx.paymentMethod(tenant, ana, ref());

        rolledBack(tx, () -> {
            methods.insert(added);
            methods.update(kept.cancel(fx.now()));
        });
        rolledBack(tx, () -> methods.deleteAllForClient(tenant, ana));

        assertThat(read(() -> methods.listForClient(tenant, ana))).isEqualTo(List.of(kept));
    }
}
