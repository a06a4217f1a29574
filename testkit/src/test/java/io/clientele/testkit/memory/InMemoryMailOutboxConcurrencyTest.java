package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryMailOutbox;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MailOutboxConcurrencyContract;

class InMemoryMailOutboxConcurrencyTest extends MailOutboxConcurrencyContract {

    @Override
    protected PortUnderTest<MailOutbox> createAdapter() {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        return PortUnderTest.of(new InMemoryMailOutbox(tx), tx);
    }
}
