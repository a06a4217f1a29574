package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryLabelRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.LabelRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.LabelRepositoryContract;

class InMemoryLabelRepositoryContractTest extends LabelRepositoryContract {

    @Override
    protected PortUnderTest<LabelRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryLabelRepository(tx), tx);
    }
}
