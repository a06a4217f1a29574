package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryOrderRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.order.port.OrderRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.OrderRepositoryContract;

class InMemoryOrderRepositoryContractTest extends OrderRepositoryContract {

    @Override
    protected PortUnderTest<OrderRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryOrderRepository(tx), tx);
    }
}
