package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryIssuanceLog;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IssuanceLogContract;

class InMemoryIssuanceLogContractTest extends IssuanceLogContract {

    @Override
    protected PortUnderTest<IssuanceLog> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryIssuanceLog(tx), tx);
    }
}
