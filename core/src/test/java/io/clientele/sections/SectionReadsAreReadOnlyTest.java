package io.clientele.sections;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.CountingTransactions;
import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 point 8, "read-only units of work", for credits, memberships, orders, payment methods,
 * intake forms and consent: their reads opened ordinary (writing) units of work, so a SQL adapter
 * could not mark them read-only nor a host route them to a replica. Every read use case now opens
 * read-only units only, and the in-memory runner refuses any write or row lock in them (so the
 * whole suite shows that no read writes). The one exception is stated: the first read of a
 * tenant's marketing preferences creates the built-in invitations category, once, in its own unit.
 */
class SectionReadsAreReadOnlyTest {

    private final MutableClock clock = MutableClock.standard();
    private final MemoryTransactions transactions = new MemoryTransactions();
    private final CountingTransactions runner = new CountingTransactions(transactions);
    private final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2, transactions);
    private final Clientele c = memory.installInto(Clientele.builder()).transactionRunner(runner).clock(clock)
            .invitations(TestClientele.INVITATIONS).pacer(clock::advance).build();

    @Test
    void every_read_of_credits_memberships_orders_payment_methods_intake_forms_and_consent_is_read_only() {
        Client ana = c.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "Lopez"));
        c.credits().issueMembershipCredits(OWNER, TENANT, ana.id(), CreditIssue.of(2, "make-up classes"));
        MembershipType monthly = c.membershipTypes().createType(OWNER, TENANT, "Monthly",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        c.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), LocalDate.ofInstant(clock.instant(),
                ZoneOffset.UTC));
        Order order = c.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.bookingReference(
                "BK-1", "Massage", "EUR", new BigDecimal("65.00"))));
        c.paymentMethods().add(OWNER, TENANT, ana.id(), PaymentMethodInput.card("Visa", "4242", YearMonth.of(2031, 6),
                "pm-1"));
        c.intakeForms().record(OWNER, TENANT, ana.id(), "Health questionnaire", 1, clock.instant(),
                Map.of("Any injuries?", "None"));
        MarketingPreference news = c.consent().definePreference(OWNER, TENANT, "news", "News",
                "Send me the studio's news.", Channel.EMAIL);
        c.consent().optIn(OWNER, TENANT, ana.id(), news.id());
        // the tenant's first read of its preferences creates the built-in category (see the next test)
        c.consent().preferences(OWNER, TENANT);
        Actor.ClientSelf self = new Actor.ClientSelf(ana.id());

        Map<String, Runnable> reads = new LinkedHashMap<>();
        reads.put("credits().list", () -> c.credits().list(OWNER, TENANT, ana.id(), PageRequest.first()));
        reads.put("credits().list by state", () -> c.credits().list(self, TENANT, ana.id(), CreditState.REDEEMABLE,
                PageRequest.first()));
        reads.put("credits().balances", () -> c.credits().balances(OWNER, TENANT, ana.id()));
        reads.put("credits().ledger", () -> c.credits().ledger(OWNER, TENANT, ana.id()));
        reads.put("membershipTypes().listTypes", () -> c.membershipTypes().listTypes(OWNER, TENANT));
        reads.put("memberships().listForClient", () -> c.memberships().listForClient(self, TENANT, ana.id(),
                PageRequest.first()));
        reads.put("orders().get", () -> c.orders().get(OWNER, TENANT, order.id()));
        reads.put("orders().get by the client", () -> c.orders().get(self, TENANT, order.id()));
        reads.put("orders().listForClient", () -> c.orders().listForClient(OWNER, TENANT, ana.id(),
                PageRequest.first()));
        reads.put("orders().count", () -> c.orders().count(OWNER, TENANT, ana.id()));
        reads.put("paymentMethods().list", () -> c.paymentMethods().list(OWNER, TENANT, ana.id(),
                PageRequest.first()));
        reads.put("intakeForms().list", () -> c.intakeForms().list(self, TENANT, ana.id(), PageRequest.first()));
        reads.put("consent().preferences", () -> c.consent().preferences(OWNER, TENANT));
        reads.put("consent().currentState", () -> c.consent().currentState(self, TENANT, ana.id()));
        reads.put("consent().history", () -> c.consent().history(OWNER, TENANT, ana.id(), PageRequest.first()));
        reads.put("consent().audience", () -> c.consent().audience(OWNER, TENANT, news.id(), PageRequest.first()));

        reads.forEach((name, read) -> {
            runner.reset();
            read.run();
            assertThat(runner.readWrite.get()).as(name + ": writing units").isZero();
            assertThat(runner.readOnly.get()).as(name + ": read-only units").isPositive();
        });
    }

    @Test
    void the_first_read_of_a_tenants_preferences_creates_the_built_in_category_once_then_reads_only() {
        TenantId fresh = TenantId.of("studio-new");
        Actor.Staff owner = TestClientele.ownerOf(fresh);
        Client bo = c.clients().create(owner, fresh, ClientDetails.named("Bo", "Berg"));

        runner.reset();
        assertThat(c.consent().currentState(owner, fresh, bo.id()))
                .extracting(state -> state.preference().key()).containsExactly(MarketingPreference.INVITATIONS);
        assertThat(runner.readWrite.get()).as("the category is created in one unit").isEqualTo(1);

        runner.reset();
        assertThat(c.consent().preferences(owner, fresh)).extracting(MarketingPreference::key)
                .containsExactly(MarketingPreference.INVITATIONS);
        assertThat(c.consent().currentState(owner, fresh, bo.id())).hasSize(1);
        assertThat(runner.readWrite.get()).as("later reads write nothing").isZero();
    }
}
