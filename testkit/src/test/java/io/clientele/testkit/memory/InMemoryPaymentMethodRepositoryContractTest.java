package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryPaymentMethodRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PaymentMethodRepositoryContract;

class InMemoryPaymentMethodRepositoryContractTest extends PaymentMethodRepositoryContract {

    @Override
    protected PortUnderTest<PaymentMethodRepository> createAdapter() {
        MemoryTransactions tx = new MemoryTransactions();
        return PortUnderTest.of(new InMemoryPaymentMethodRepository(tx), tx);
    }
}
