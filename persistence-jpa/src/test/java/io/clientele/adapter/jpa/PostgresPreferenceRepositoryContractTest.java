package io.clientele.adapter.jpa;

import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PreferenceRepositoryContract;

/** The preference repository's contract on PostgreSQL 17. */
class PostgresPreferenceRepositoryContractTest extends PreferenceRepositoryContract {

    @Override
    protected PortUnderTest<PreferenceRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.preferences(), jpa.transactions());
    }
}
