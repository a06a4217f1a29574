package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryPreferenceRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PreferenceRepositoryContract;

class InMemoryPreferenceRepositoryContractTest extends PreferenceRepositoryContract {

    @Override
    protected PortUnderTest<PreferenceRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryPreferenceRepository(tx), tx);
    }
}
