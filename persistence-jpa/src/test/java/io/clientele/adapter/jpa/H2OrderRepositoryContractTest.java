package io.clientele.adapter.jpa;

import io.clientele.order.port.OrderRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.OrderRepositoryContract;

/** The orders' contract on H2. */
class H2OrderRepositoryContractTest extends OrderRepositoryContract {

    @Override
    protected PortUnderTest<OrderRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.orders(), jpa.transactions());
    }
}
