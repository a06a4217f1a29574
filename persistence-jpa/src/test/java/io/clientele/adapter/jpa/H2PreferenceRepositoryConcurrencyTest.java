package io.clientele.adapter.jpa;

import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PreferenceRepositoryConcurrencyContract;

/** The preference repository's concurrency contract on H2, units of work on separate connections. */
class H2PreferenceRepositoryConcurrencyTest extends PreferenceRepositoryConcurrencyContract {

    @Override
    protected PortUnderTest<PreferenceRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.preferences(), jpa.transactions());
    }

    @Override
    protected LockProbe lockProbe() {
        return LockProbes.h2InsertsOfAKey();
    }
}
