package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryClientRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.ClientRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ClientRepositoryContract;

class InMemoryClientRepositoryContractTest extends ClientRepositoryContract {

    @Override
    protected PortUnderTest<ClientRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryClientRepository(tx), tx);
    }
}
