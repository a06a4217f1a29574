package io.clientele.adapter.jpa;

import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.TokenRepositoryContract;

/** The token repository's contract on PostgreSQL 17. */
class PostgresTokenRepositoryContractTest extends TokenRepositoryContract {

    @Override
    protected PortUnderTest<TokenRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.tokens(), jpa.transactions());
    }
}
