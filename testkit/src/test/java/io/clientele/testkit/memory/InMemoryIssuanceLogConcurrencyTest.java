package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryIssuanceLog;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IssuanceLogConcurrencyContract;

class InMemoryIssuanceLogConcurrencyTest extends IssuanceLogConcurrencyContract {

    @Override
    protected PortUnderTest<IssuanceLog> createAdapter() {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        return PortUnderTest.of(new InMemoryIssuanceLog(tx), tx);
    }
}
