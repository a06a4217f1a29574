package io.clientele.adapter.jpa;

import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PasswordHashStoreContract;

/** The password hash store's contract on H2. */
class H2PasswordHashStoreContractTest extends PasswordHashStoreContract {

    @Override
    protected PortUnderTest<PasswordHashStore> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.passwordHashes(), jpa.transactions());
    }
}
