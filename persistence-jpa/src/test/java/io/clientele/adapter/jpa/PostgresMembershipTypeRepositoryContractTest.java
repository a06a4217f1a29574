package io.clientele.adapter.jpa;

import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MembershipTypeRepositoryContract;

/** The membership catalog's contract on PostgreSQL 17. */
class PostgresMembershipTypeRepositoryContractTest extends MembershipTypeRepositoryContract {

    @Override
    protected PortUnderTest<MembershipTypeRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.membershipTypes(), jpa.transactions());
    }
}
