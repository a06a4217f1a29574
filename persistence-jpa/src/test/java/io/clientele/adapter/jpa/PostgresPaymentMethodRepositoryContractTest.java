package io.clientele.adapter.jpa;

import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.PaymentMethodRepositoryContract;

/** The payment method repository's contract on PostgreSQL 17. */
class PostgresPaymentMethodRepositoryContractTest extends PaymentMethodRepositoryContract {

    @Override
    protected PortUnderTest<PaymentMethodRepository> createAdapter() {
        JpaAdapters jpa = Databases.postgresAdapters();
        return PortUnderTest.of(jpa.paymentMethods(), jpa.transactions());
    }
}
