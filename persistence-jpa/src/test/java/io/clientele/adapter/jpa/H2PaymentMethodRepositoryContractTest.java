package io.clientele.adapter.jpa;

import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PaymentMethodRepositoryContract;

/** The payment method repository's contract on H2. */
class H2PaymentMethodRepositoryContractTest extends PaymentMethodRepositoryContract {

    @Override
    protected PortUnderTest<PaymentMethodRepository> createAdapter() {
        JpaAdapters jpa = Databases.h2Adapters();
        return PortUnderTest.of(jpa.paymentMethods(), jpa.transactions());
    }
}
