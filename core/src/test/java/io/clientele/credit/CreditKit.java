package io.clientele.credit;

import static io.clientele.testing.TestClientele.ownerOf;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.client.service.ClientGuard;
import io.clientele.common.Actor;
import io.clientele.common.CursorSeal;
import io.clientele.common.OrderId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.port.CreditRepository;
import io.clientele.credit.service.CreditGrants;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link CreditService} and {@link CreditGrants} built on the stores of a {@link TestClientele}
 * ({@link TestClientele#stores}: the in-memory adapters, or a test backend's), its clock and id
 * generator (independent of the facade's wiring), with shortcuts to make clients and give them
 * credits. One per test.
 */
public final class CreditKit {

    /** The host's booking flow, redeeming on a client's behalf. */
    public static final Actor.SystemActor BOOKING_FLOW = new Actor.SystemActor("booking-flow");
    /** A reason that passes validation. */
    public static final String REASON = "goodwill after a cancelled class";

    public final TestClientele t = new TestClientele();
    public final CreditGrants grants;
    public final CreditService credits;
    private final Map<TenantId, MembershipType> membershipTypes = new HashMap<>();

    public CreditKit() {
        grants = new CreditGrants(t.stores.credits(), t.stores.audit(), t.stores.events(), t.clock, t.ids);
        credits = service(t.stores.transactions(), t.stores.credits());
    }

    /** Another service on the same clients and clock, with the given unit of work and credit store. */
    public CreditService service(TransactionRunner tx, CreditRepository repository) {
        CreditGrants grantsOnRepository = new CreditGrants(repository, t.stores.audit(), t.stores.events(), t.clock,
                t.ids);
        return new CreditService(new CreditService.Ports(repository,
                t.clientele.memberships().standings(), tx, t.clock, grantsOnRepository,
                new ClientGuard(t.stores.clients(), t.memory.tenantSettings()), CursorSeal.withRandomKey()));
    }

    /** A client of {@link TestClientele#TENANT}. */
    public Client client(String firstName) {
        return clientOf(TENANT, firstName);
    }

    /** A client of the given tenant. */
    public Client clientOf(TenantId tenant, String firstName) {
        return t.clientele.clients().create(ownerOf(tenant), tenant, ClientDetails.named(firstName, "Tester")
                .withEmail(firstName.toLowerCase(Locale.ROOT) + "." + tenant.value() + "@example.com"));
    }

    /** A client of {@link TestClientele#OTHER_TENANT}. */
    public Client otherTenantClient() {
        return clientOf(OTHER_TENANT, "Olga");
    }

    /**
     * A new active membership of the client (monthly, 4 credits, valid a month), starting today,
     * through the facade; its type is created once per tenant.
     */
    public Membership activeMembership(Client client) {
        TenantId tenant = client.tenantId();
        MembershipType type = membershipTypes.computeIfAbsent(tenant, x -> t.clientele.membershipTypes()
                .createType(ownerOf(tenant), tenant, "Monthly",
                        RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1))));
        return t.clientele.memberships().addMembership(ownerOf(tenant), tenant, client.id(), type.id(), today());
    }

    /** Today in UTC, the tests' studios' time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC);
    }

    /** Membership credits without expiry, issued by the owner. */
    public List<Credit> issue(Client client, int count) {
        return issue(client, count, Optional.empty());
    }

    /** Membership credits expiring after {@code validity}, issued by the owner. */
    public List<Credit> issueExpiringIn(Client client, int count, Duration validity) {
        return issue(client, count, Optional.of(t.clock.instant().plus(validity)));
    }

    /** Membership credits with the given expiry, issued by the owner. */
    public List<Credit> issue(Client client, int count, Optional<Instant> expiresAt) {
        CreditIssue issue = CreditIssue.of(count, REASON);
        return credits.issueMembershipCredits(ownerOf(client.tenantId()), client.tenantId(), client.id(),
                expiresAt.map(issue::expiringAt).orElse(issue));
    }

    /** Package credits granted by an order, as the order context does it; returns the order's source. */
    public CreditSource order(Client client, int count, Optional<Instant> expiresAt) {
        CreditSource source = CreditSource.order(new OrderId(t.ids.next()));
        t.stores.transactions().run(() -> {
            if (expiresAt.isPresent()) {
                grants.grant(ownerOf(client.tenantId()), client.tenantId(), client.id(), source, count,
                        expiresAt.get(), "order placed");
            } else {
                grants.grant(ownerOf(client.tenantId()), client.tenantId(), client.id(), source, count, "order placed");
            }
        });
        return source;
    }

    /** The order is cancelled, as the order context does it: its redeemable credits are revoked. */
    public void cancelOrder(Client client, CreditSource source) {
        t.stores.transactions().run(() -> grants.revokeFromSource(ownerOf(client.tenantId()), client.tenantId(), source,
                "order cancelled"));
    }

    /** The stored credit. */
    public Credit reload(Credit credit) {
        return t.read(s -> s.credits().find(credit.tenantId(), credit.id())).orElseThrow();
    }

    /** Erases the client through the facade. */
    public void erase(Client client) {
        t.clientele.erasure().erase(ownerOf(client.tenantId()), client.tenantId(), client.id());
    }

    /** Moves the clock on. */
    public void later(Duration by) {
        t.clock.advance(by);
    }

    /** Everything every store holds; equal before and after a command that changed nothing. */
    public Map<String, List<String>> stored() {
        return t.storedState();
    }

    /** A fresh id no credit has. */
    public CreditId unknownId() {
        return new CreditId(UUID.randomUUID());
    }
}
