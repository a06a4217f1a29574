package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryTokenRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.TokenRepositoryConcurrencyContract;

class InMemoryTokenRepositoryConcurrencyTest extends TokenRepositoryConcurrencyContract {

    @Override
    protected PortUnderTest<TokenRepository> createAdapter() {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        return PortUnderTest.of(new InMemoryTokenRepository(tx), tx);
    }
}
