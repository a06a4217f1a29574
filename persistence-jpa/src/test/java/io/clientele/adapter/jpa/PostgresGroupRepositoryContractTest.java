package io.clientele.adapter.jpa;

import io.clientele.client.port.GroupRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.GroupRepositoryContract;

/** The group repository's contract on PostgreSQL 17. */
class PostgresGroupRepositoryContractTest extends GroupRepositoryContract {

    @Override
    protected PortUnderTest<GroupRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.groups(), jpa.transactions());
    }
}
