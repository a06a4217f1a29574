package io.clientele.adapter.jpa;

import io.clientele.client.port.ClientRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ClientRepositoryContract;

/** The client repository's contract on H2. */
class H2ClientRepositoryContractTest extends ClientRepositoryContract {

    @Override
    protected PortUnderTest<ClientRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.clients(), jpa.transactions());
    }
}
