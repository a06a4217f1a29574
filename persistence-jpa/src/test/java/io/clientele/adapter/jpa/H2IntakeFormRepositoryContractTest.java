package io.clientele.adapter.jpa;

import io.clientele.intake.port.IntakeFormRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.IntakeFormRepositoryContract;

/** The intake form repository's contract on H2. */
class H2IntakeFormRepositoryContractTest extends IntakeFormRepositoryContract {

    @Override
    protected PortUnderTest<IntakeFormRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.intakeForms(), jpa.transactions());
    }
}
