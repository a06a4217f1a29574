package io.clientele.adapter.jpa;

import io.clientele.audit.port.AuditLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.AuditLogContract;

/** The audit log's contract on PostgreSQL 17. */
class PostgresAuditLogContractTest extends AuditLogContract {

    @Override
    protected PortUnderTest<AuditLog> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.audit(), jpa.transactions());
    }
}
