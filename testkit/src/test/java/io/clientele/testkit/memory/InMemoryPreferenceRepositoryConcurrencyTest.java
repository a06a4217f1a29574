package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryPreferenceRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PreferenceRepositoryConcurrencyContract;

class InMemoryPreferenceRepositoryConcurrencyTest extends PreferenceRepositoryConcurrencyContract {

    private final MemoryTransactions tx = MemoryTransactions.interleaved();

    @Override
    protected PortUnderTest<PreferenceRepository> createAdapter() {
        return PortUnderTest.of(new InMemoryPreferenceRepository(tx), tx);
    }

    @Override
    protected LockProbe lockProbe() {
        return LockProbe.memory(tx);
    }
}
