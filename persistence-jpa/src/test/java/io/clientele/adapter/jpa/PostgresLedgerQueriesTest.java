package io.clientele.adapter.jpa;

/** The ledger's further promises on PostgreSQL 17. */
class PostgresLedgerQueriesTest extends SqlLedgerQueriesContract {

    @Override
    protected Ledger ledger() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return new Ledger(jpa.credits(), jpa.orders(), jpa.memberships(),
                jpa.membershipTypes(), jpa.issuanceLog(), jpa.transactions());
    }
}
