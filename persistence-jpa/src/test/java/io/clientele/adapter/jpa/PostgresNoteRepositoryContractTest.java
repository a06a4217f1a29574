package io.clientele.adapter.jpa;

import io.clientele.client.port.NoteRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.NoteRepositoryContract;

/** The note repository's contract on PostgreSQL 17. */
class PostgresNoteRepositoryContractTest extends NoteRepositoryContract {

    @Override
    protected PortUnderTest<NoteRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.notes(), jpa.transactions());
    }
}
