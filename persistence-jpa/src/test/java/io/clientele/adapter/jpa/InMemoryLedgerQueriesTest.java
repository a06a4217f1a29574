package io.clientele.adapter.jpa;

import io.clientele.adapter.memory.InMemoryCreditRepository;
import io.clientele.adapter.memory.InMemoryIssuanceLog;
import io.clientele.adapter.memory.InMemoryMembershipRepository;
import io.clientele.adapter.memory.InMemoryMembershipTypeRepository;
import io.clientele.adapter.memory.InMemoryOrderRepository;
import io.clientele.adapter.memory.MemoryTransactions;

/**
 * The ledger's further promises on the in-memory adapters, the reference behaviour: the
 * expectations the JPA adapters are held to are the core's own.
 */
class InMemoryLedgerQueriesTest extends LedgerQueriesContract {

    @Override
    protected Ledger ledger() {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        return new Ledger(new InMemoryCreditRepository(tx), new InMemoryOrderRepository(tx),
                new InMemoryMembershipRepository(tx), new InMemoryMembershipTypeRepository(tx),
                new InMemoryIssuanceLog(tx), tx);
    }
}
