package io.clientele.adapter.jpa;

import io.clientele.client.port.NoteRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.NoteRepositoryContract;

/** The note repository's contract on H2. */
class H2NoteRepositoryContractTest extends NoteRepositoryContract {

    @Override
    protected PortUnderTest<NoteRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.notes(), jpa.transactions());
    }
}
