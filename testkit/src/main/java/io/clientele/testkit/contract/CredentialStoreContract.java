package io.clientele.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.Password;
import io.clientele.invitation.model.PreparedCredential;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CredentialStore}: a password set (prepared outside any unit of work, then
 * set inside one, as activation does) is accepted for its client in its tenant only; setting
 * another replaces it; preparing writes nothing; removing forgets it, and removing none does
 * nothing. The port has no read method, so the adapter's test says how to check a password with
 * {@link #accepts}; give a hashing store cheap parameters, the suite hashes a few dozen times.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()} and {@link #accepts}. Not
 * thread-safe: JUnit makes one instance per test.
 */
public abstract class CredentialStoreContract {

    private CredentialStore store;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private ClientId ana;

    /**
     * The adapter under test and the runner of the units of work it is called in, called before
     * each test. The store may hold other tests' credentials: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<CredentialStore> createAdapter();

    /**
     * True when {@code store} accepts {@code password} as the client's password (the host's login
     * check: {@code HashingCredentialStore.verify}, or the identity system's).
     */
    protected abstract boolean accepts(CredentialStore store, TenantId tenant, ClientId client, String password);

    @BeforeEach
    void setUpCredentialStoreContract() {
        PortUnderTest<CredentialStore> adapter = createAdapter();
        store = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private void set(TenantId in, ClientId client, String password) {
        PreparedCredential prepared = store.prepare(new Password(password));
        tx.run(() -> store.setPassword(in, client, prepared));
    }

    @Test
    void a_password_set_is_accepted_for_its_client_in_its_tenant_only() {
        set(tenant, ana, "correct horse battery");

        assertThat(accepts(store, tenant, ana, "correct horse battery")).isTrue();
        assertThat(accepts(store, tenant, ana, "correct horse battery!")).isFalse();
        assertThat(accepts(store, fx.newTenant(), ana, "correct horse battery")).isFalse();
        assertThat(accepts(store, tenant, fx.newClientId(), "correct horse battery")).isFalse();
    }

    @Test
    void setting_another_password_replaces_the_first_and_preparing_one_writes_nothing() {
        set(tenant, ana, "first password");
        set(tenant, ana, "second password");

        store.prepare(new Password("third password"));

        assertThat(accepts(store, tenant, ana, "second password")).isTrue();
        assertThat(accepts(store, tenant, ana, "first password")).isFalse();
        assertThat(accepts(store, tenant, ana, "third password")).isFalse();
    }

    @Test
    void removing_forgets_the_client_s_password_only_and_removing_none_does_nothing() {
        ClientId bea = fx.newClientId();
        set(tenant, ana, "ana's password");
        set(tenant, bea, "bea's password");

        tx.run(() -> store.remove(tenant, ana));
        tx.run(() -> store.remove(tenant, ana));
        tx.run(() -> store.remove(tenant, fx.newClientId()));

        assertThat(accepts(store, tenant, ana, "ana's password")).isFalse();
        assertThat(accepts(store, tenant, bea, "bea's password")).isTrue();
    }
}
