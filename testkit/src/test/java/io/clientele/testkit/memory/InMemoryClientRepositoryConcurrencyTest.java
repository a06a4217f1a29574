package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryClientRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.ClientRepository;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ClientRepositoryConcurrencyContract;

class InMemoryClientRepositoryConcurrencyTest extends ClientRepositoryConcurrencyContract {

    private final MemoryTransactions tx = MemoryTransactions.interleaved();

    @Override
    protected PortUnderTest<ClientRepository> createAdapter() {
        return PortUnderTest.of(new InMemoryClientRepository(tx), tx);
    }

    @Override
    protected LockProbe lockProbe() {
        return LockProbe.memory(tx);
    }
}
