package io.clientele.adapter.jpa;

import io.clientele.client.port.LabelRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.LabelRepositoryContract;

/** The label repository's contract on PostgreSQL 17. */
class PostgresLabelRepositoryContractTest extends LabelRepositoryContract {

    @Override
    protected PortUnderTest<LabelRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.labels(), jpa.transactions());
    }
}
