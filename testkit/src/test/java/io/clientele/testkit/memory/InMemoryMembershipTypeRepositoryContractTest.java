package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryMembershipTypeRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.MembershipTypeRepositoryContract;

class InMemoryMembershipTypeRepositoryContractTest extends MembershipTypeRepositoryContract {

    @Override
    protected PortUnderTest<MembershipTypeRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryMembershipTypeRepository(tx), tx);
    }
}
