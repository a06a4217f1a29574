package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryNoteRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.NoteRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.NoteRepositoryContract;

class InMemoryNoteRepositoryContractTest extends NoteRepositoryContract {

    @Override
    protected PortUnderTest<NoteRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryNoteRepository(tx), tx);
    }
}
