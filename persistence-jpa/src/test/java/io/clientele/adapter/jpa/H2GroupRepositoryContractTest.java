package io.clientele.adapter.jpa;

import io.clientele.client.port.GroupRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.GroupRepositoryContract;

/** The group repository's contract on H2. */
class H2GroupRepositoryContractTest extends GroupRepositoryContract {

    @Override
    protected PortUnderTest<GroupRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.groups(), jpa.transactions());
    }
}
