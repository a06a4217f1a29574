package io.clientele.adapter.jpa;

import io.clientele.mail.port.MailOutbox;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MailOutboxContract;

/** The mail outbox's contract on PostgreSQL 17. */
class PostgresMailOutboxContractTest extends MailOutboxContract {

    @Override
    protected PortUnderTest<MailOutbox> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        // the contract spans tenants: it expects an empty outbox
        Databases.truncate(jpa, "outbox");
        return PortUnderTest.of(jpa.outbox(), jpa.transactions());
    }
}
