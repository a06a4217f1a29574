package io.clientele.adapter.jpa;

import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PreferenceRepositoryContract;

/** The preference repository's contract on H2. */
class H2PreferenceRepositoryContractTest extends PreferenceRepositoryContract {

    @Override
    protected PortUnderTest<PreferenceRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.preferences(), jpa.transactions());
    }
}
