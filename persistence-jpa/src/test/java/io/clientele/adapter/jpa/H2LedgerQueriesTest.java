package io.clientele.adapter.jpa;

/** The ledger's further promises on H2. */
class H2LedgerQueriesTest extends SqlLedgerQueriesContract {

    @Override
    protected Ledger ledger() {
        JpaAdapters jpa = Databases.h2Adapters();
        return new Ledger(jpa.credits(), jpa.orders(), jpa.memberships(),
                jpa.membershipTypes(), jpa.issuanceLog(), jpa.transactions());
    }
}
