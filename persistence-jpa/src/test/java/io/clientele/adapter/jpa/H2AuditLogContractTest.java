package io.clientele.adapter.jpa;

import io.clientele.audit.port.AuditLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.AuditLogContract;

/** The audit log's contract on H2. */
class H2AuditLogContractTest extends AuditLogContract {

    @Override
    protected PortUnderTest<AuditLog> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.audit(), jpa.transactions());
    }
}
