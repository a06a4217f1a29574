package io.clientele.adapter.jpa;

import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MembershipTypeRepositoryContract;

/** The membership catalog's contract on H2. */
class H2MembershipTypeRepositoryContractTest extends MembershipTypeRepositoryContract {

    @Override
    protected PortUnderTest<MembershipTypeRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.membershipTypes(), jpa.transactions());
    }
}
