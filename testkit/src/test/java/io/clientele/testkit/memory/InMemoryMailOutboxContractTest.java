package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryMailOutbox;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MailOutboxContract;

class InMemoryMailOutboxContractTest extends MailOutboxContract {

    @Override
    protected PortUnderTest<MailOutbox> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryMailOutbox(tx), tx);
    }
}
