package io.clientele.adapter.jpa;

import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IssuanceLogConcurrencyContract;

/** Simultaneous claims of one period on H2: exactly one wins. */
class H2IssuanceLogConcurrencyTest extends IssuanceLogConcurrencyContract {

    @Override
    protected PortUnderTest<IssuanceLog> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.issuanceLog(), jpa.transactions());
    }
}
