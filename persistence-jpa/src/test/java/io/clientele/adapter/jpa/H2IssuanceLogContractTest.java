package io.clientele.adapter.jpa;

import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IssuanceLogContract;

/** The issuance log's contract on H2. */
class H2IssuanceLogContractTest extends IssuanceLogContract {

    @Override
    protected PortUnderTest<IssuanceLog> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.issuanceLog(), jpa.transactions());
    }
}
