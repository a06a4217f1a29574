package io.clientele.adapter.jpa;

import io.clientele.client.port.ClientRepository;
import io.clientele.consent.port.ConsentLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ConsentLogContract;

/** The consent log's contract on PostgreSQL 17, its audiences joined with the JPA client table. */
class PostgresConsentLogContractTest extends ConsentLogContract {

    @Override
    protected PortUnderTest<ConsentLog> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.consents(), jpa.transactions());
    }

    @Override
    protected ClientRepository joinedClients() {
        return Databases.postgresAdapters().clients();
    }
}
