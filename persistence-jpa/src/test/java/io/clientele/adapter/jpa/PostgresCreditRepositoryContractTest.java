package io.clientele.adapter.jpa;

import io.clientele.credit.port.CreditRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CreditRepositoryContract;

/** The credit ledger's contract on PostgreSQL 17. */
class PostgresCreditRepositoryContractTest extends CreditRepositoryContract {

    @Override
    protected PortUnderTest<CreditRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        // the expiry sweep's selection spans tenants: the contract wants an empty store
        Databases.truncate(jpa, "credit_change", "credit", "credit_closed_source");
        return PortUnderTest.of(jpa.credits(), jpa.transactions());
    }
}
