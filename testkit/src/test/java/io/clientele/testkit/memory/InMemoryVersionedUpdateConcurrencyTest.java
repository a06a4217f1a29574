package io.clientele.testkit.memory;

import io.clientele.adapter.memory.InMemoryCampaignRepository;
import io.clientele.adapter.memory.InMemoryCreditRepository;
import io.clientele.adapter.memory.InMemoryMembershipRepository;
import io.clientele.adapter.memory.InMemoryMembershipTypeRepository;
import io.clientele.adapter.memory.InMemoryNoteRepository;
import io.clientele.adapter.memory.InMemoryOrderRepository;
import io.clientele.adapter.memory.InMemoryPaymentMethodRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.port.NoteRepository;
import io.clientele.credit.port.CreditRepository;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.order.port.OrderRepository;
import io.clientele.payment.port.PaymentMethodRepository;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.contract.VersionedUpdateConcurrencyContract;

class InMemoryVersionedUpdateConcurrencyTest extends VersionedUpdateConcurrencyContract {

    final MemoryTransactions tx = MemoryTransactions.interleaved();

    @Override
    protected PortUnderTest<CreditRepository> createCreditRepository() {
        return PortUnderTest.of(new InMemoryCreditRepository(tx), tx);
    }

    @Override
    protected PortUnderTest<OrderRepository> createOrderRepository() {
        return PortUnderTest.of(new InMemoryOrderRepository(tx), tx);
    }

    @Override
    protected PortUnderTest<MembershipRepository> createMembershipRepository() {
        return PortUnderTest.of(new InMemoryMembershipRepository(tx), tx);
    }

    @Override
    protected PortUnderTest<MembershipTypeRepository> createMembershipTypeRepository() {
        return PortUnderTest.of(new InMemoryMembershipTypeRepository(tx), tx);
    }

    @Override
    protected PortUnderTest<PaymentMethodRepository> createPaymentMethodRepository() {
        return PortUnderTest.of(new InMemoryPaymentMethodRepository(tx), tx);
    }

    @Override
    protected PortUnderTest<NoteRepository> createNoteRepository() {
        return PortUnderTest.of(new InMemoryNoteRepository(tx), tx);
    }

    @Override
    protected PortUnderTest<CampaignRepository> createCampaignRepository() {
        return PortUnderTest.of(new InMemoryCampaignRepository(tx), tx);
    }
}
