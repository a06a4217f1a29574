package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryPasswordHashStore;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.invitation.port.PasswordHashStore;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PasswordHashStoreContract;

class InMemoryPasswordHashStoreContractTest extends PasswordHashStoreContract {

    @Override
    protected PortUnderTest<PasswordHashStore> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryPasswordHashStore(tx), tx);
    }
}
