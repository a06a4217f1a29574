package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryIntakeFormRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IntakeFormRepositoryContract;

class InMemoryIntakeFormRepositoryContractTest extends IntakeFormRepositoryContract {

    @Override
    protected PortUnderTest<IntakeFormRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryIntakeFormRepository(tx), tx);
    }
}
