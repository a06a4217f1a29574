package io.clientele.testkit.memory;

import io.clientele.adapter.credentials.HashingCredentialStore;
import io.clientele.adapter.credentials.HashingCredentialStore.Argon2Parameters;
import io.clientele.adapter.memory.InMemoryPasswordHashStore;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.port.CredentialStore;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CredentialStoreContract;

/** The default credential store, hashing into the in-memory hash store with cheap Argon2id parameters. */
class HashingCredentialStoreContractTest extends CredentialStoreContract {

    @Override
    protected PortUnderTest<CredentialStore> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new HashingCredentialStore(new InMemoryPasswordHashStore(tx),
                new Argon2Parameters(1024, 1, 1)), tx);
    }

    @Override
    protected boolean accepts(CredentialStore store, TenantId tenant, ClientId client, String password) {
        return ((HashingCredentialStore) store).verify(tenant, client, password);
    }
}
