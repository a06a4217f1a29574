package io.clientele.adapter.jpa;

import io.clientele.credit.port.CreditRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.CreditRepositoryContract;

/** The credit ledger's contract on H2. */
class H2CreditRepositoryContractTest extends CreditRepositoryContract {

    @Override
    protected PortUnderTest<CreditRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        // the expiry sweep's selection spans tenants: the contract wants an empty store
        Databases.truncate(jpa, "credit_change", "credit", "credit_closed_source");
        return PortUnderTest.of(jpa.credits(), jpa.transactions());
    }
}
