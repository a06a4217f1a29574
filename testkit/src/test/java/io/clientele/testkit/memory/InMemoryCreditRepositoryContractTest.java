package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryCreditRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.credit.port.CreditRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CreditRepositoryContract;

class InMemoryCreditRepositoryContractTest extends CreditRepositoryContract {

    @Override
    protected PortUnderTest<CreditRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryCreditRepository(tx), tx);
    }
}
