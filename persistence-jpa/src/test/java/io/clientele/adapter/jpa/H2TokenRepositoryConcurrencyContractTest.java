package io.clientele.adapter.jpa;

import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.TokenRepositoryConcurrencyContract;

/** The token repository's concurrency contract on H2. */
class H2TokenRepositoryConcurrencyContractTest extends TokenRepositoryConcurrencyContract {

    @Override
    protected PortUnderTest<TokenRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.tokens(), jpa.transactions());
    }
}
