package io.clientele.adapter.jpa;

import io.clientele.client.port.LabelRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.LabelRepositoryContract;

/** The label repository's contract on H2. */
class H2LabelRepositoryContractTest extends LabelRepositoryContract {

    @Override
    protected PortUnderTest<LabelRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.labels(), jpa.transactions());
    }
}
