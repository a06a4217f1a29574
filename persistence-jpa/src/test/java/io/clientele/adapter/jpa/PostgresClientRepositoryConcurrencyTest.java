package io.clientele.adapter.jpa;

import io.clientele.client.port.ClientRepository;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ClientRepositoryConcurrencyContract;

/** The client repository's concurrency contract on PostgreSQL 17, under READ COMMITTED, with real threads. */
class PostgresClientRepositoryConcurrencyTest extends ClientRepositoryConcurrencyContract {

    @Override
    protected PortUnderTest<ClientRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.clients(), jpa.transactions());
    }

    @Override
    protected LockProbe lockProbe() {
        return LockProbes.postgres();
    }
}
