package io.clientele.adapter.jpa;

/** The ledger's further promises on PostgreSQL 17. */
class PostgresLedgerQueriesTest extends SqlLedgerQueriesContract {

    @Override
    protected Ledger ledger() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return new Ledger(jpa.creditRepository(), jpa.orderRepository(), jpa.membershipRepository(),
                jpa.membershipTypeRepository(), jpa.issuanceLog(), jpa.transactions());
    }
}
