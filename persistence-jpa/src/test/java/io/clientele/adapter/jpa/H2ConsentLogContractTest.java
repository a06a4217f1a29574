package io.clientele.adapter.jpa;

import io.clientele.client.port.ClientRepository;
import io.clientele.consent.port.ConsentLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ConsentLogContract;

/** The consent log's contract on H2, its audiences joined with the JPA client table. */
class H2ConsentLogContractTest extends ConsentLogContract {

    @Override
    protected PortUnderTest<ConsentLog> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.consents(), jpa.transactions());
    }

    @Override
    protected ClientRepository joinedClients() {
        return Databases.h2Adapters().clients();
    }
}
