package io.clientele.adapter.jpa;

import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.TokenRepositoryConcurrencyContract;

/** The token repository's concurrency contract on PostgreSQL 17. */
class PostgresTokenRepositoryConcurrencyContractTest extends TokenRepositoryConcurrencyContract {

    @Override
    protected PortUnderTest<TokenRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.tokens(), jpa.transactions());
    }
}
