package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryAuditLog;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.audit.port.AuditLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.AuditLogContract;

class InMemoryAuditLogContractTest extends AuditLogContract {

    @Override
    protected PortUnderTest<AuditLog> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryAuditLog(tx), tx);
    }
}
