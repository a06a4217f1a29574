package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryMembershipRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MembershipRepositoryContract;

class InMemoryMembershipRepositoryContractTest extends MembershipRepositoryContract {

    @Override
    protected PortUnderTest<MembershipRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryMembershipRepository(tx), tx);
    }
}
