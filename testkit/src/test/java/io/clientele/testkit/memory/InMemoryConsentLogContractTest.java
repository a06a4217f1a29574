package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryConsentLog;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.consent.port.ConsentLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ConsentLogContract;

class InMemoryConsentLogContractTest extends ConsentLogContract {

    @Override
    protected PortUnderTest<ConsentLog> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryConsentLog(tx), tx);
    }
}
