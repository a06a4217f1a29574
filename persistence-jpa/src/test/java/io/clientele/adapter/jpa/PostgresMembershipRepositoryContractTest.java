package io.clientele.adapter.jpa;

import io.clientele.membership.port.MembershipRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MembershipRepositoryContract;

/** The memberships' contract on PostgreSQL 17. */
class PostgresMembershipRepositoryContractTest extends MembershipRepositoryContract {

    @Override
    protected PortUnderTest<MembershipRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        // the due pages span tenants: the contract wants an empty store
        Databases.truncate(jpa, "membership");
        return PortUnderTest.of(jpa.memberships(), jpa.transactions());
    }
}
