package io.clientele.adapter.jpa;

import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IntakeFormRepositoryContract;

/** The intake form repository's contract on PostgreSQL 17. */
class PostgresIntakeFormRepositoryContractTest extends IntakeFormRepositoryContract {

    @Override
    protected PortUnderTest<IntakeFormRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.intakeForms(), jpa.transactions());
    }
}
