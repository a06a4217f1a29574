package io.clientele.adapter.jpa;

import io.clientele.client.port.NoteRepository;
import io.clientele.credit.port.CreditRepository;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.order.port.OrderRepository;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.VersionedUpdateConcurrencyContract;

/**
 * The version-checked ports' concurrency contract on the JPA adapters of one database: two updates
 * of one stored version on two threads and two connections at once, exactly one stored and the
 * other stale. The contract races with {@code Race.together} only (no forced interleaving), so it
 * needs no lock probe; each test acts in a tenant of its own and needs no empty table.
 */
abstract class JpaVersionedUpdateConcurrencyTest extends VersionedUpdateConcurrencyContract {

    private final JpaAdapters jpa = adapters();

    /** The adapters of the database under test. */
    abstract JpaAdapters adapters();

    @Override
    protected PortUnderTest<CreditRepository> createCreditRepository() {
        return PortUnderTest.of(jpa.credits(), jpa.transactions());
    }

    @Override
    protected PortUnderTest<OrderRepository> createOrderRepository() {
        return PortUnderTest.of(jpa.orders(), jpa.transactions());
    }

    @Override
    protected PortUnderTest<MembershipRepository> createMembershipRepository() {
        return PortUnderTest.of(jpa.memberships(), jpa.transactions());
    }

    @Override
    protected PortUnderTest<MembershipTypeRepository> createMembershipTypeRepository() {
        return PortUnderTest.of(jpa.membershipTypes(), jpa.transactions());
    }

    @Override
    protected PortUnderTest<PaymentMethodRepository> createPaymentMethodRepository() {
        return PortUnderTest.of(jpa.paymentMethods(), jpa.transactions());
    }

    @Override
    protected PortUnderTest<NoteRepository> createNoteRepository() {
        return PortUnderTest.of(jpa.notes(), jpa.transactions());
    }

    @Override
    protected PortUnderTest<CampaignRepository> createCampaignRepository() {
        return PortUnderTest.of(jpa.campaigns(), jpa.transactions());
    }
}
