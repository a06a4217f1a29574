package io.clientele.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.DisplayName;
import io.clientele.common.MembershipId;
import io.clientele.common.OrderId;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.intake.model.IntakeSubmission;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Money;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.payment.model.PaymentMethod;
import io.clientele.payment.model.PaymentMethodId;
import io.clientele.payment.model.PaymentMethodInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The in-memory stores of a client's credits, memberships, orders, payment methods and intake
 * forms read a client's rows through an index on tenant and client (as SQL does), so their pages
 * no longer scan every row. The index must agree with the rows through everything a unit of work
 * does: an insert or a delete rolled back leaves it as it was, and other clients and tenants never
 * show.
 */
class ClientRowIndexesTest {

    private static final TenantId TENANT = TenantId.of("studio-a");
    private static final TenantId OTHER_TENANT = TenantId.of("studio-b");
    private static final ClientId ANA = new ClientId(UUID.randomUUID());
    private static final ClientId BO = new ClientId(UUID.randomUUID());
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final PageRequest ALL = PageRequest.first(PageRequest.MAX_SIZE);

    private final MemoryTransactions tx = new MemoryTransactions();
    private final InMemoryCreditRepository credits = new InMemoryCreditRepository(tx);
    private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(tx);
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository(tx);
    private final InMemoryPaymentMethodRepository methods = new InMemoryPaymentMethodRepository(tx);
    private final InMemoryIntakeFormRepository forms = new InMemoryIntakeFormRepository(tx);

    private static Credit credit(TenantId tenant, ClientId client) {
        return Credit.issue(new CreditId(UUID.randomUUID()), tenant, client, CreditSource.membership(), NOW,
                "staff:owner-1", "make-up class");
    }

    private static Membership membership(TenantId tenant, ClientId client) {
        MembershipType type = MembershipType.create(new MembershipTypeId(UUID.randomUUID()), tenant,
                new DisplayName("Monthly"), RecurringCreditRule.withoutExpiry(4, CreditPeriod.MONTHLY));
        return Membership.start(new MembershipId(UUID.randomUUID()), tenant, client, type, LocalDate.of(2026, 3, 2),
                "staff:owner-1", NOW);
    }

    private static Order order(TenantId tenant, ClientId client) {
        return Order.place(new OrderId(UUID.randomUUID()), tenant, client, List.of(new OrderLine.BookingReference(
                "bk-" + UUID.randomUUID(), "Yoga", Money.of("EUR", BigDecimal.TEN))), "staff:owner-1", NOW);
    }

    private static PaymentMethod method(TenantId tenant, ClientId client, String providerRef) {
        return PaymentMethod.add(new PaymentMethodId(UUID.randomUUID()), tenant, client,
                PaymentMethodInput.card("Visa", "4242", YearMonth.of(2031, 6), providerRef), NOW);
    }

    private static IntakeSubmission form(TenantId tenant, ClientId client) {
        return new IntakeSubmission(UUID.randomUUID(), tenant, client, "Health questionnaire", 1, NOW,
                Map.of("Any injuries?", "None"));
    }

    /** Runs {@code work} in a unit of work that then fails, so everything it wrote is rolled back. */
    private void rolledBack(Runnable work) {
        assertThatThrownBy(() -> tx.run(() -> {
            work.run();
            throw new IllegalStateException("the unit of work fails");
        })).hasMessage("the unit of work fails");
    }

    @Test
    void a_clients_page_holds_their_rows_only_never_another_clients_or_tenants() {
        Credit anas = credit(TENANT, ANA);
        credits.insertAll(List.of(anas, credit(TENANT, BO), credit(OTHER_TENANT, ANA)));
        Membership anasMembership = memberships.insert(membership(TENANT, ANA));
        memberships.insert(membership(TENANT, BO));
        memberships.insert(membership(OTHER_TENANT, ANA));
        Order anasOrder = orders.insert(order(TENANT, ANA));
        orders.insert(order(TENANT, BO));
        orders.insert(order(OTHER_TENANT, ANA));
        PaymentMethod anasMethod = methods.insert(method(TENANT, ANA, "pm-ana"));
        methods.insert(method(TENANT, BO, "pm-bo"));
        methods.insert(method(OTHER_TENANT, ANA, "pm-ana"));
        IntakeSubmission anasForm = form(TENANT, ANA);
        forms.insert(anasForm);
        forms.insert(form(TENANT, BO));
        forms.insert(form(OTHER_TENANT, ANA));

        assertThat(credits.pageForClient(TENANT, ANA, ALL).items()).extracting(Credit::id).containsExactly(anas.id());
        assertThat(memberships.pageForClient(TENANT, ANA, ALL).items()).extracting(Membership::id)
                .containsExactly(anasMembership.id());
        assertThat(orders.listForLeadBooker(TENANT, ANA, ALL).items()).extracting(Order::id)
                .containsExactly(anasOrder.id());
        assertThat(orders.countForLeadBooker(TENANT, ANA)).isOne();
        assertThat(methods.pageForClient(TENANT, ANA, ALL).items()).extracting(PaymentMethod::id)
                .containsExactly(anasMethod.id());
        assertThat(methods.findActiveByProviderRef(TENANT, "pm-ana")).contains(anasMethod);
        assertThat(forms.pageForClient(TENANT, ANA, ALL).items()).extracting(IntakeSubmission::id)
                .containsExactly(anasForm.id());
    }

    @Test
    void rows_inserted_by_a_unit_of_work_that_rolls_back_leave_no_entry_in_the_client_index() {
        rolledBack(() -> {
            credits.insertAll(List.of(credit(TENANT, ANA)));
            memberships.insert(membership(TENANT, ANA));
            orders.insert(order(TENANT, ANA));
            methods.insert(method(TENANT, ANA, "pm-ana"));
            forms.insert(form(TENANT, ANA));
        });

        assertThat(credits.pageForClient(TENANT, ANA, ALL).items()).isEmpty();
        assertThat(memberships.pageForClient(TENANT, ANA, ALL).items()).isEmpty();
        assertThat(memberships.listForClient(TENANT, ANA)).isEmpty();
        assertThat(orders.listForLeadBooker(TENANT, ANA, ALL).items()).isEmpty();
        assertThat(orders.countForLeadBooker(TENANT, ANA)).isZero();
        assertThat(methods.pageForClient(TENANT, ANA, ALL).items()).isEmpty();
        assertThat(methods.findActiveByProviderRef(TENANT, "pm-ana")).isEmpty();
        assertThat(forms.pageForClient(TENANT, ANA, ALL).items()).isEmpty();
    }

    @Test
    void an_erasure_rolled_back_gives_back_the_payment_methods_and_intake_forms_and_a_committed_one_does_not() {
        PaymentMethod held = methods.insert(method(TENANT, ANA, "pm-ana"));
        IntakeSubmission submitted = form(TENANT, ANA);
        forms.insert(submitted);

        rolledBack(() -> {
            methods.deleteAllForClient(TENANT, ANA);
            forms.deleteAllForClient(TENANT, ANA);
        });

        assertThat(methods.pageForClient(TENANT, ANA, ALL).items()).containsExactly(held);
        assertThat(methods.findActiveByProviderRef(TENANT, "pm-ana")).contains(held);
        assertThat(forms.pageForClient(TENANT, ANA, ALL).items()).extracting(IntakeSubmission::id)
                .containsExactly(submitted.id());

        tx.run(() -> {
            assertThat(methods.deleteAllForClient(TENANT, ANA)).isOne();
            assertThat(forms.deleteAllForClient(TENANT, ANA)).isOne();
        });

        assertThat(methods.pageForClient(TENANT, ANA, ALL).items()).isEmpty();
        assertThat(methods.findActiveByProviderRef(TENANT, "pm-ana")).isEmpty();
        assertThat(forms.pageForClient(TENANT, ANA, ALL).items()).isEmpty();
        // the reference is free again for another client
        PaymentMethod bos = methods.insert(method(TENANT, BO, "pm-ana"));
        assertThat(methods.findActiveByProviderRef(TENANT, "pm-ana")).contains(bos);
    }

    @Test
    void a_cancelled_method_keeps_its_reference_indexed_but_is_not_the_active_one() {
        PaymentMethod held = methods.insert(method(TENANT, ANA, "pm-ana"));
        PaymentMethod cancelled = methods.update(held.cancel(NOW));
        PaymentMethod again = methods.insert(method(TENANT, ANA, "pm-ana"));

        assertThat(methods.findActiveByProviderRef(TENANT, "pm-ana")).contains(again);
        assertThat(methods.pageForClient(TENANT, ANA, ALL).items()).containsExactlyInAnyOrder(cancelled, again);
    }
}
