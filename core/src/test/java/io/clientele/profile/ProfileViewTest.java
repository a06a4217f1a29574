package io.clientele.profile;

import io.clientele.testing.Pages;
import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.model.PassNumber;
import io.clientele.client.service.AddressInput;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.Ids;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.Slice;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceState;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.service.CreditIssue;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.order.model.Order;
import io.clientele.order.model.OrderLine;
import io.clientele.order.service.OrderLineInput;
import io.clientele.payment.model.PaymentMethodInput;
import io.clientele.profile.model.Section;
import io.clientele.profile.service.ProfileView;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.Images;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Regression for issue 8, point 5, "the whole profile in one call": {@code clients().profile()}
 * returned the client, its labels, groups and notes only, so the profile page of the seed needed a
 * dozen more calls (each its own unit of work and permission check) for memberships, orders,
 * intake forms, payment methods, credits, marketing preferences and the audit trail. {@code
 * profiles().view} returns every section in one read-only unit of work with at most one port call
 * per section, the same number for a client with one note, credit and order as for one with forty,
 * and withholds a section from an actor who may not see it instead of failing the whole view.
 */
class ProfileViewTest {

    private final TestClientele t = new TestClientele();
    private final Clientele c = t.clientele;

    /** Ana with something in every section; returns her as stored. */
    private Client fullAna(Clientele clientele, MutableClock clock) {
        Client ana = clientele.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López")
                .withEmail("ana.lopez@example.com").withPhone("+33 6 12 34 56 78"));
        clientele.photos().upload(OWNER, TENANT, ana.id(), ana.version(), new ByteArrayInputStream(Images.jpeg()));
        clientele.addresses().add(OWNER, TENANT, ana.id(), AddressInput.of("12 Rue Oberkampf", "75011", "Paris", "FR"));
        clientele.passes().link(OWNER, TENANT, ana.id(), "CARD-1");
        Label vip = clientele.labels().create(OWNER, TENANT, "VIP");
        clientele.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        ClientGroup morning = clientele.groups().create(OWNER, TENANT, "Morning");
        clientele.groups().addMember(OWNER, TENANT, ana.id(), morning.id());
        for (String text : List.of("Prefers the quiet room", "Knee injury in 2024", "Brings her own mat")) {
            clientele.notes().add(OWNER, TENANT, ana.id(), text);
            clock.advance(Duration.ofMinutes(1));
        }
        clientele.credits().issueMembershipCredits(OWNER, TENANT, ana.id(), CreditIssue.of(3, "welcome gift"));
        clientele.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase("Five classes", 5,
                Period.ofMonths(6), "EUR", new BigDecimal("60.00"))));
        clock.advance(Duration.ofMinutes(1));
        clientele.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase("Two classes", 2,
                Period.ofMonths(1), "EUR", new BigDecimal("25.00"))));
        // redeems the credit expiring soonest: one of the two-class package
        clientele.credits().redeem(OWNER, TENANT, ana.id(), "booking-1");
        clientele.credits().issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, "trial").expiringAt(clock.instant().plus(Duration.ofHours(1))));
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("Any injuries?", "Knee");
        clientele.intakeForms().record(OWNER, TENANT, ana.id(), "Health questionnaire", 2, clock.instant(), answers);
        clientele.paymentMethods().add(OWNER, TENANT, ana.id(), PaymentMethodInput.card("Visa", "4242",
                YearMonth.of(2030, 1), "visa-ref-ana"));
        MarketingPreference newsletter = clientele.consent().definePreference(OWNER, TENANT, "newsletter",
                "Newsletter", "Monthly news from the studio.", Channel.EMAIL);
        clientele.consent().definePreference(OWNER, TENANT, "offers", "Offers", "Special offers.", Channel.SMS);
        clientele.consent().optIn(OWNER, TENANT, ana.id(), newsletter.id());
        MembershipType monthly = clientele.membershipTypes().createType(OWNER, TENANT, "Unlimited monthly",
                RecurringCreditRule.of(8, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        clientele.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), LocalDate.of(2026, 3, 1));
        clientele.invitations().invite(OWNER, TENANT, ana.id());
        clientele.mailDispatcher().dispatchDue();
        Client stored = clientele.clients().get(OWNER, TENANT, ana.id());
        clientele.locks().lock(OWNER, TENANT, ana.id(), stored.version());
        // the trial credit is past its expiry, not yet swept
        clock.advance(Duration.ofHours(2));
        return clientele.clients().get(OWNER, TENANT, ana.id());
    }

    @Test
    void every_section_of_a_full_profile_is_filled_and_correct() {
        Client ana = fullAna(c, t.clock);
        List<PreferenceState> marketing = c.consent().currentState(OWNER, TENANT, ana.id());

        ProfileView view = c.profiles().view(OWNER, TENANT, ana.id());

        assertThat(view.client()).isEqualTo(ana);
        assertThat(view.details().email()).map(e -> e.value()).contains("ana.lopez@example.com");
        assertThat(view.photo()).isPresent();
        assertThat(view.invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(view.locked()).isTrue();
        assertThat(view.passes()).containsExactly(new PassNumber("CARD-1"));
        assertThat(view.addresses()).extracting(a -> a.postal().city()).containsExactly("Paris");
        assertThat(view.labels().content().orElseThrow()).extracting(l -> l.name().value()).containsExactly("VIP");
        assertThat(view.groups().content().orElseThrow()).extracting(g -> g.name().value())
                .containsExactly("Morning");
        Slice<Note> notes = view.notes().content().orElseThrow();
        assertThat(notes.total()).isEqualTo(3);
        assertThat(notes.items()).extracting(n -> n.text().value())
                .containsExactly("Brings her own mat", "Knee injury in 2024", "Prefers the quiet room");
        assertThat(view.audit().content().orElseThrow().items())
                .isEqualTo(c.audit().list(OWNER, TENANT, ana.id(), PageRequest.first(20)).items())
                .first().extracting(AuditEntry::action).isEqualTo(AuditAction.LOCKED);
        assertThat(view.memberships().content().orElseThrow())
                .isEqualTo(Pages.all(p -> c.memberships().listForClient(OWNER, TENANT, ana.id(), p))).hasSize(1);
        Slice<Order> orders = view.orders().content().orElseThrow();
        assertThat(orders.total()).isEqualTo(2);
        assertThat(orders.items()).extracting(o -> ((OrderLine.PackagePurchase) o.lines().get(0)).name())
                .containsExactly("Two classes", "Five classes");
        assertThat(view.intakeForms().content().orElseThrow())
                .isEqualTo(Pages.all(p -> c.intakeForms().list(OWNER, TENANT, ana.id(), p))).hasSize(1);
        assertThat(view.paymentMethods().content().orElseThrow())
                .isEqualTo(Pages.all(p -> c.paymentMethods().list(OWNER, TENANT, ana.id(), p))).hasSize(1);
        CreditSummary credits = view.credits().content().orElseThrow();
        // 3 by hand + 1 trial + 5 + 2 from the orders; one redeemed, the trial past its expiry
        Map<CreditState, Long> balances = new EnumMap<>(Map.of(CreditState.REDEEMABLE, 9L, CreditState.REDEEMED, 1L,
                CreditState.REVOKED, 0L, CreditState.EXPIRED, 1L));
        assertThat(credits.balances()).isEqualTo(balances)
                .isEqualTo(c.credits().balances(OWNER, TENANT, ana.id()));
        assertThat(credits.newest()).hasSize(11).isEqualTo(Pages.all(p -> c.credits().list(OWNER, TENANT, ana.id(), p)));
        assertThat(credits.newest()).filteredOn(cr -> cr.state() == CreditState.EXPIRED).hasSize(1);
        assertThat(view.marketing().content().orElseThrow()).isEqualTo(marketing);
        assertThat(view.marketing().content().orElseThrow())
                .filteredOn(PreferenceState::optedIn).extracting(s -> s.preference().key())
                .containsExactly("newsletter");
    }

    @Test
    void the_view_makes_the_same_port_calls_for_one_and_for_forty_notes_credits_and_orders_and_at_most_twelve() {
        Map<Integer, Map<String, Long>> callsBySize = new TreeMap<>();
        for (int size : List.of(1, 40)) {
            MutableClock clock = MutableClock.standard();
            InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
            CountingPorts ports = new CountingPorts();
            Clientele clientele = ports.installInto(memory, Clientele.builder()).clock(clock).ids(new Ids(clock))
                    .invitations(INVITATIONS).build();
            Client ana = fullAna(clientele, clock);
            for (int i = 0; i < size; i++) {
                clientele.notes().add(OWNER, TENANT, ana.id(), "note " + i);
                clientele.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase("One class",
                        1, Period.ofMonths(1), "EUR", new BigDecimal("12.00"))));
            }
            clientele.credits().issueMembershipCredits(OWNER, TENANT, ana.id(), CreditIssue.of(size, "bulk"));

            ports.reset();
            ProfileView view = clientele.profiles().view(OWNER, TENANT, ana.id());

            callsBySize.put(size, ports.counts());
            assertThat(view.notes().content().orElseThrow().total()).isEqualTo(3 + size);
            assertThat(view.orders().content().orElseThrow().total()).isEqualTo(2 + size);
            assertThat(view.credits().content().orElseThrow().total()).isEqualTo(11 + 2L * size);
        }

        long total = callsBySize.get(40).values().stream().mapToLong(Long::longValue).sum();
        System.out.println("profile view port calls: " + callsBySize.get(40));
        System.out.println("RESULT name=profile-port-calls notes_credits_orders=40 calls=" + total);
        assertThat(callsBySize.get(40)).as("calls with 40 more notes, credits and orders and with 1 more")
                .isEqualTo(callsBySize.get(1));
        assertThat(callsBySize.get(40)).as("one read-only unit of work, one call per section")
                .containsEntry("TransactionRunner.inReadOnlyTransaction", 1L)
                .doesNotContainKey("TransactionRunner.inTransaction")
                .allSatisfy((port, calls) -> assertThat(calls).as(port).isEqualTo(1L));
        assertThat(total).as("port calls of one view, its unit of work included").isLessThanOrEqualTo(12);
    }

    @Test
    void an_erased_clients_profile_shows_what_erasure_kept_and_nothing_personal() {
        Client ana = fullAna(c, t.clock);
        c.locks().unlock(OWNER, TENANT, ana.id(), ana.version());

        c.erasure().erase(OWNER, TENANT, ana.id());
        ProfileView view = c.profiles().view(OWNER, TENANT, ana.id());

        assertThat(view.erased()).isTrue();
        assertThat(view.details().name().fullName()).isEqualTo("Erased Client");
        assertThat(view.details().email()).isEmpty();
        assertThat(view.photo()).isEmpty();
        assertThat(view.addresses()).isEmpty();
        assertThat(view.passes()).isEmpty();
        assertThat(view.labels().content().orElseThrow()).isEmpty();
        assertThat(view.groups().content().orElseThrow()).isEmpty();
        assertThat(view.notes().content().orElseThrow().total()).isZero();
        assertThat(view.intakeForms().content().orElseThrow()).isEmpty();
        assertThat(view.paymentMethods().content().orElseThrow()).isEmpty();
        assertThat(view.orders().content().orElseThrow().total()).as("orders stay, without personal data")
                .isEqualTo(2);
        assertThat(view.credits().content().orElseThrow().total()).as("the ledger stays").isEqualTo(11);
        assertThat(view.audit().content().orElseThrow().items().get(0).action()).isEqualTo(AuditAction.ERASED);
        assertThat(view.toString()).doesNotContain("López", "ana.lopez", "Oberkampf", "Knee", "4242 ");
    }

    @Test
    void staff_without_view_audit_see_every_section_but_the_audit_trail_which_is_not_read() {
        Client ana = fullAna(c, t.clock);
        CountingPorts ports = new CountingPorts();
        MutableClock clock = MutableClock.standard();
        InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
        Clientele counted = ports.installInto(memory, Clientele.builder()).clock(clock).ids(new Ids(clock))
                .invitations(INVITATIONS).build();
        Client bea = counted.clients().create(OWNER, TENANT, ClientDetails.named("Bea", "Moreau"));

        ProfileView view = c.profiles().view(VIEWER, TENANT, ana.id());
        ports.reset();
        counted.profiles().view(VIEWER, TENANT, bea.id());

        assertThat(view.audit()).isEqualTo(Section.withheld(Permission.VIEW_AUDIT));
        assertThat(view.audit().content()).isEmpty();
        assertThat(view.audit().isShown()).isFalse();
        assertThat(List.of(view.labels(), view.groups(), view.notes(), view.memberships(), view.orders(),
                view.intakeForms(), view.paymentMethods(), view.credits(), view.marketing()))
                .allSatisfy(section -> assertThat(section.isShown()).isTrue());
        assertThat(ports.counts()).doesNotContainKey("AuditLog.listForClient").hasSize(11);
    }

    @Test
    void a_client_sees_their_own_sections_but_not_the_staffs_records_nor_anyone_elses_profile() {
        Client ana = fullAna(c, t.clock);
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        Actor anaHerself = new Actor.ClientSelf(ana.id());

        ProfileView view = c.profiles().view(anaHerself, TENANT, ana.id());

        assertThat(view.client()).isEqualTo(ana);
        assertThat(view.labels()).isEqualTo(Section.withheld(Permission.VIEW_CLIENTS));
        assertThat(view.groups()).isEqualTo(Section.withheld(Permission.VIEW_CLIENTS));
        assertThat(view.notes()).isEqualTo(Section.withheld(Permission.VIEW_CLIENTS));
        assertThat(view.audit()).isEqualTo(Section.withheld(Permission.VIEW_AUDIT));
        assertThat(view.orders().content().orElseThrow().total()).isEqualTo(2);
        assertThat(view.credits().content().orElseThrow().total()).isEqualTo(11);
        assertThat(view.memberships().content().orElseThrow()).hasSize(1);
        assertThat(view.marketing().content().orElseThrow()).hasSize(2);
        assertThatThrownBy(() -> c.profiles().view(anaHerself, TENANT, bruno.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void another_tenant_gets_not_found_and_staff_without_view_clients_are_denied() {
        Client ana = t.ana();

        assertThatThrownBy(() -> c.profiles().view(OTHER_OWNER, OTHER_TENANT, ana.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("client"));
        assertThatThrownBy(() -> c.profiles().view(OWNER, TENANT, new ClientId(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> c.profiles().view(NOBODY, TENANT, ana.id()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        assertThatThrownBy(() -> c.profiles().view(OWNER, TENANT, ana.id(), 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("sectionSize");
                    assertThat(e.rule()).isEqualTo("range");
                });
    }

    @Test
    void the_cursors_of_the_paged_sections_go_on_in_their_own_lists() {
        Client ana = fullAna(c, t.clock);
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(c.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase("One class",
                    1, Period.ofMonths(1), "EUR", new BigDecimal("12.00")))));
            t.clock.advance(Duration.ofMinutes(1));
        }

        ProfileView view = c.profiles().view(OWNER, TENANT, ana.id(), 2);

        Slice<Note> notes = view.notes().content().orElseThrow();
        assertThat(notes.hasMore()).isTrue();
        assertThat(c.notes().list(OWNER, TENANT, ana.id(), PageRequest.after(notes.page().next().orElseThrow(), 2))
                .items()).extracting(n -> n.text().value()).containsExactly("Prefers the quiet room");
        Slice<Order> orders = view.orders().content().orElseThrow();
        assertThat(orders.items()).containsExactly(placed.get(2), placed.get(1));
        assertThat(c.orders().listForClient(OWNER, TENANT, ana.id(),
                PageRequest.after(orders.page().next().orElseThrow(), 10)).items()).hasSize(3).first()
                .isEqualTo(placed.get(0));
        var audit = view.audit().content().orElseThrow();
        assertThat(c.audit().list(OWNER, TENANT, ana.id(), PageRequest.after(audit.next().orElseThrow(), 2))
                .items()).isEqualTo(c.audit().list(OWNER, TENANT, ana.id(), PageRequest.first(4)).items()
                .subList(2, 4));
        assertThat(view.credits().content().orElseThrow().newest()).hasSize(2);
        assertThat(view.credits().content().orElseThrow().hasMore()).isTrue();
    }

    @Test
    void viewing_writes_nothing_and_holds_no_lock() {
        Client ana = fullAna(c, t.clock);
        Map<String, List<String>> before = t.storedState();

        ProfileView first = c.profiles().view(OWNER, TENANT, ana.id());
        ProfileView again = c.profiles().view(OWNER, TENANT, ana.id());

        assertThat(t.storedState()).isEqualTo(before);
        assertThat(again.client()).isEqualTo(first.client());
        assertThat(again.credits()).isEqualTo(first.credits());
        assertThat(again.memberships()).isEqualTo(first.memberships());
        assertThat(first.memberships().content().orElseThrow()).extracting(Membership::clientId)
                .containsOnly(ana.id());
        assertThat(first.credits().content().orElseThrow().newest()).extracting(Credit::clientId)
                .containsOnly(ana.id());
    }
}
