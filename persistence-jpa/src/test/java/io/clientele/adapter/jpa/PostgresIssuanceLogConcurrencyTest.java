package io.clientele.adapter.jpa;

import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IssuanceLogConcurrencyContract;

/** Simultaneous claims of one period on PostgreSQL 17: exactly one wins. */
class PostgresIssuanceLogConcurrencyTest extends IssuanceLogConcurrencyContract {

    @Override
    protected PortUnderTest<IssuanceLog> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.issuanceLog(), jpa.transactions());
    }
}
