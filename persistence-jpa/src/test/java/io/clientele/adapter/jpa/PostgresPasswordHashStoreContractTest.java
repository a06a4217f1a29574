package io.clientele.adapter.jpa;

import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PasswordHashStoreContract;

/** The password hash store's contract on PostgreSQL 17. */
class PostgresPasswordHashStoreContractTest extends PasswordHashStoreContract {

    @Override
    protected PortUnderTest<PasswordHashStore> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.passwordHashes(), jpa.transactions());
    }
}
