package io.clientele.membership;

import static io.clientele.testing.TestClientele.ownerOf;
import static io.clientele.testing.TestClientele.TENANT;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.CursorSeal;
import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.service.CreditGrants;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.MembershipEraser;
import io.clientele.membership.service.MembershipIssuanceJob;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import io.clientele.testing.TestClientele;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The membership services ({@link MembershipTypeService} {@code catalog}, {@link MembershipService}
 * {@code service}, {@link MembershipIssuanceJob} {@code job}, {@link MembershipEraser} {@code
 * eraser}) on the stores of a {@link TestClientele} ({@link TestClientele#stores}: the in-memory
 * adapters, or a test backend's), its clock and ids, with shortcuts: types, clients, a day-based
 * clock, the credits of a membership, every store's contents. Published events go
 * through a publisher that can be told to fail, to show that a failed unit of work leaves nothing
 * behind. One per test.
 */
final class MembershipKit {

    final TestClientele t = new TestClientele();
    final MembershipTypeRepository types = t.stores.membershipTypes();
    final MembershipRepository memberships = t.stores.memberships();
    final IssuanceLog issuance = t.stores.issuanceLog();
    /** While set, publishing an event it matches throws. */
    final AtomicReference<Predicate<DomainEvent>> failOn = new AtomicReference<>(e -> false);
    final MembershipTypeService catalog;
    final MembershipService service;
    final MembershipIssuanceJob job;
    final MembershipEraser eraser;

    MembershipKit() {
        EventPublisher events = event -> {
            if (failOn.get().test(event)) {
                throw new IllegalStateException("event publisher down");
            }
            t.stores.events().publish(event);
        };
        CreditGrants grants = new CreditGrants(t.stores.credits(), t.stores.audit(), events, t.clock, t.ids);
        ClientGuard guard = new ClientGuard(t.stores.clients(), t.memory.tenantSettings());
        catalog = new MembershipTypeService(new MembershipTypeService.Ports(types, events, t.stores.transactions(),
                t.clock, t.ids));
        service = new MembershipService(new MembershipService.Ports(types, memberships, issuance, guard,
                t.memory.tenantSettings(), grants, t.stores.audit(), events, t.stores.transactions(), t.clock, t.ids,
                CursorSeal.withRandomKey()));
        job = new MembershipIssuanceJob(new MembershipIssuanceJob.Ports(memberships, issuance, guard,
                t.memory.tenantSettings(), grants, t.stores.audit(), events, t.stores.transactions(), t.clock, t.ids));
        eraser = new MembershipEraser(new MembershipEraser.Ports(memberships, t.stores.audit(), events, t.clock,
                t.ids));
    }

    /** The stored version of the membership (0 when there is none): what staff saw before a change. */
    long version(MembershipId membershipId) {
        return t.membershipVersion(membershipId);
    }

    /** The stored version of the membership type (0 when there is none). */
    long typeVersion(MembershipTypeId typeId) {
        return t.membershipTypeVersion(typeId);
    }

    /** An enabled type in {@link TestClientele#TENANT}: {@code credits} every month, valid a month. */
    MembershipType monthly(String name, int credits) {
        return type(TENANT, name, RecurringCreditRule.of(credits, CreditPeriod.MONTHLY, Period.ofMonths(1)));
    }

    /** An enabled type in {@code tenant} with the rule. */
    MembershipType type(TenantId tenant, String name, RecurringCreditRule rule) {
        return catalog.createType(ownerOf(tenant), tenant, name, rule);
    }

    /** A client of {@link TestClientele#TENANT}. */
    Client client(String firstName) {
        return client(TENANT, firstName);
    }

    /** A client of {@code tenant}. */
    Client client(TenantId tenant, String firstName) {
        return t.clientele.clients().create(ownerOf(tenant), tenant, ClientDetails.named(firstName, "Member")
                .withEmail(firstName.toLowerCase(Locale.ROOT).replace(' ', '.') + ".member@example.com"));
    }

    /** Gives the client a membership of the type from {@code start}, without end date. */
    Membership add(Client client, MembershipType type, LocalDate start) {
        return service.addMembership(ownerOf(client.tenantId()), client.tenantId(), client.id(), type.id(), start);
    }

    /** The day of the test clock (UTC). */
    LocalDate today() {
        return LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC);
    }

    /** Sets the clock to 09:00 UTC on {@code day}. */
    void setDay(LocalDate day) {
        t.clock.set(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    /** Midnight UTC at the start of {@code day}: where period days begin and end. */
    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The membership as stored. */
    Membership reload(Membership membership) {
        return t.read(s -> s.memberships().find(membership.tenantId(), membership.id())).orElseThrow();
    }

    /** Every credit the membership has issued. */
    List<Credit> credits(Membership membership) {
        return t.read(s -> s.credits().fromSource(membership.tenantId(),
                CreditSource.membership(membership.id())));
    }

    /** The periods claimed for the membership. */
    List<Long> claimed(Membership membership) {
        return t.read(s -> s.issuanceLog().claimedPeriods(membership.tenantId(), membership.id()));
    }

    /**
     * Everything every store holds (the membership stores included), each item as its string
     * form: equal before and after a command means the command changed nothing.
     */
    Map<String, List<String>> storedState() {
        return t.storedState();
    }
}
