package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PasswordHashStore}: one hash per tenant and client, replaced by a save,
 * found in its tenant only, deleted by the erasure (deleting none does nothing), and taking part in
 * the caller's unit of work, so a rolled-back activation leaves the previous hash in place.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class PasswordHashStoreContract {

    private static final String FIRST = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$Zmlyc3QtaGFzaA";
    private static final String SECOND = "$argon2id$v=19$m=1024,t=1,p=1$b3RoZXJzYWx0eHg$c2Vjb25kLWhhc2g";

    private PasswordHashStore hashes;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private ClientId ana;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' hashes: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<PasswordHashStore> createAdapter();

    @BeforeEach
    void setUpPasswordHashStoreContract() {
        PortUnderTest<PasswordHashStore> adapter = createAdapter();
        hashes = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private Optional<String> find(TenantId in, ClientId client) {
        return tx.inReadOnlyTransaction(() -> hashes.find(in, client));
    }

    @Test
    void a_saved_hash_is_found_for_its_client_in_its_tenant_only_and_a_save_replaces_it() {
        tx.run(() -> hashes.save(tenant, ana, FIRST));

        assertThat(find(tenant, ana)).contains(FIRST);
        assertThat(find(fx.newTenant(), ana)).isEmpty();
        assertThat(find(tenant, fx.newClientId())).isEmpty();

        tx.run(() -> hashes.save(tenant, ana, SECOND));
        assertThat(find(tenant, ana)).contains(SECOND);
    }

    @Test
    void the_erasure_deletes_the_client_s_hash_only_and_deleting_none_does_nothing() {
        ClientId bea = fx.newClientId();
        TenantId otherTenant = fx.newTenant();
        tx.run(() -> hashes.save(tenant, ana, FIRST));
        tx.run(() -> hashes.save(tenant, bea, SECOND));
        tx.run(() -> hashes.save(otherTenant, ana, SECOND));

        tx.run(() -> hashes.delete(tenant, ana));
        tx.run(() -> hashes.delete(tenant, ana));
        tx.run(() -> hashes.delete(tenant, fx.newClientId()));

        assertThat(find(tenant, ana)).isEmpty();
        assertThat(find(tenant, bea)).contains(SECOND);
        assertThat(find(otherTenant, ana)).contains(SECOND);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_the_previous_hash_in_place() {
        tx.run(() -> hashes.save(tenant, ana, FIRST));
        ClientId bea = fx.newClientId();

        rolledBack(tx, () -> {
            hashes.save(tenant, ana, SECOND);
            hashes.save(tenant, bea, SECOND);
        });
        assertThat(find(tenant, ana)).contains(FIRST);
        assertThat(find(tenant, bea)).isEmpty();

        rolledBack(tx, () -> hashes.delete(tenant, ana));
        assertThat(find(tenant, ana)).contains(FIRST);
    }
}
