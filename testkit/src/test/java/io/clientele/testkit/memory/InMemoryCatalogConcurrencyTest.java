package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryGroupRepository;
import io.clientele.adapter.memory.InMemoryLabelRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.GroupRepository;
import io.clientele.client.port.LabelRepository;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CatalogConcurrencyContract;

class InMemoryCatalogConcurrencyTest extends CatalogConcurrencyContract {

    private final MemoryTransactions tx = MemoryTransactions.interleaved();

    @Override
    protected PortUnderTest<LabelRepository> createLabelRepository() {
        return PortUnderTest.of(new InMemoryLabelRepository(tx), tx);
    }

    @Override
    protected PortUnderTest<GroupRepository> createGroupRepository() {
        return PortUnderTest.of(new InMemoryGroupRepository(tx), tx);
    }

    @Override
    protected LockProbe lockProbe() {
        return LockProbe.memory(tx);
    }
}
