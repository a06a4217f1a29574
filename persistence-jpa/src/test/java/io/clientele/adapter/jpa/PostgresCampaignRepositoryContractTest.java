package io.clientele.adapter.jpa;

import io.clientele.invitation.port.CampaignRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CampaignRepositoryContract;

/** The campaign repository's contract on PostgreSQL 17. */
class PostgresCampaignRepositoryContractTest extends CampaignRepositoryContract {

    @Override
    protected PortUnderTest<CampaignRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.campaigns(), jpa.transactions());
    }
}
