package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryCampaignRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CampaignRepositoryContract;

class InMemoryCampaignRepositoryContractTest extends CampaignRepositoryContract {

    @Override
    protected PortUnderTest<CampaignRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryCampaignRepository(tx), tx);
    }
}
