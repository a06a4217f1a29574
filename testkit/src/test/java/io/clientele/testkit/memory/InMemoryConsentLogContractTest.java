package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryClientRepository;
import io.clientele.adapter.memory.InMemoryConsentLog;
import io.clientele.adapter.memory.InMemoryPreferenceRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.ClientRepository;
import io.clientele.consent.port.ConsentLog;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ConsentLogContract;

class InMemoryConsentLogContractTest extends ConsentLogContract {

    private InMemoryClientRepository clients;

    @Override
    protected PortUnderTest<ConsentLog> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        clients = new InMemoryClientRepository(tx);
        return PortUnderTest.of(new InMemoryConsentLog(tx, clients, new InMemoryPreferenceRepository(tx)), tx);
    }

    @Override
    protected ClientRepository joinedClients() {
        return clients;
    }
}
