package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryGroupRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.GroupRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.GroupRepositoryContract;

class InMemoryGroupRepositoryContractTest extends GroupRepositoryContract {

    @Override
    protected PortUnderTest<GroupRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryGroupRepository(tx), tx);
    }
}
