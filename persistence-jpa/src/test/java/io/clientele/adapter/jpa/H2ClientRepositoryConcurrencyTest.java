package io.clientele.adapter.jpa;

import io.clientele.client.port.ClientRepository;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.ClientRepositoryConcurrencyContract;

/** The client repository's concurrency contract on H2, with real threads. */
class H2ClientRepositoryConcurrencyTest extends ClientRepositoryConcurrencyContract {

    @Override
    protected PortUnderTest<ClientRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.clients(), jpa.transactions());
    }

    @Override
    protected LockProbe lockProbe() {
        return LockProbes.h2();
    }
}
