package io.clientele.adapter.jpa;

import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IssuanceLogContract;

/** The issuance log's contract on PostgreSQL 17. */
class PostgresIssuanceLogContractTest extends IssuanceLogContract {

    @Override
    protected PortUnderTest<IssuanceLog> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.issuanceLog(), jpa.transactions());
    }
}
