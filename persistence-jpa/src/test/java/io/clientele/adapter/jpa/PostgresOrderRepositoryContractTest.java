package io.clientele.adapter.jpa;

import io.clientele.order.port.OrderRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.OrderRepositoryContract;

/** The orders' contract on PostgreSQL 17. */
class PostgresOrderRepositoryContractTest extends OrderRepositoryContract {

    @Override
    protected PortUnderTest<OrderRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.orders(), jpa.transactions());
    }
}
