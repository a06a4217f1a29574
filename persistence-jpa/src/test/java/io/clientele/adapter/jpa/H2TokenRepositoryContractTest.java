package io.clientele.adapter.jpa;

import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.TokenRepositoryContract;

/** The token repository's contract on H2. */
class H2TokenRepositoryContractTest extends TokenRepositoryContract {

    @Override
    protected PortUnderTest<TokenRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.tokens(), jpa.transactions());
    }
}
