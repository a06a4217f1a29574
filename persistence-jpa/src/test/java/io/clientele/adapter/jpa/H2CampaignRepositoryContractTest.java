package io.clientele.adapter.jpa;

import io.clientele.invitation.port.CampaignRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CampaignRepositoryContract;

/** The campaign repository's contract on H2. */
class H2CampaignRepositoryContractTest extends CampaignRepositoryContract {

    @Override
    protected PortUnderTest<CampaignRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.campaigns(), jpa.transactions());
    }
}
