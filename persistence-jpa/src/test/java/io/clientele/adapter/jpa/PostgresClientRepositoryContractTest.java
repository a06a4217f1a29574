package io.clientele.adapter.jpa;

import io.clientele.client.port.ClientRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ClientRepositoryContract;

/** The client repository's contract on PostgreSQL 17. */
class PostgresClientRepositoryContractTest extends ClientRepositoryContract {

    @Override
    protected PortUnderTest<ClientRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.clients(), jpa.transactions());
    }
}
