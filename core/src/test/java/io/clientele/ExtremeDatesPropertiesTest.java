package io.clientele;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.ClienteleException;
import io.clientele.common.MembershipId;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.IssuanceReport;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.testing.Pages;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue 7 point 14: sequences of membership, credit and order commands fed with the extremes of
 * the calendar and of numbers ({@code LocalDate.MIN/MAX}, {@code Instant.MIN/MAX/EPOCH}, {@code
 * Period.of(Integer.MAX_VALUE, ...)}, negative periods, huge counts and prices), interleaved with
 * clock jumps forwards and backwards, the issuance job, the expiry sweep, listings, balances, the
 * ledger and the data export, in two studios (Pacific/Auckland and America/Los_Angeles). Whatever
 * the input, every failure is a {@link ClienteleException} (never a raw {@code
 * DateTimeException} or {@code ArithmeticException}), and every run of the issuance job reports
 * zero failures: what was accepted can always be computed with.
 */
class ExtremeDatesPropertiesTest {

    /** The clock starts at 2026-03-02T09:00:00Z and stays within two years of it either way. */
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant EARLIEST = START.minus(Duration.ofDays(730));
    private static final Instant LATEST = START.plus(Duration.ofDays(730));
    private static final LocalDate TODAY = LocalDate.ofInstant(START, ZoneOffset.UTC);
    private static final List<TenantId> TENANTS = List.of(TENANT, OTHER_TENANT);

    private static final AtomicInteger SEQUENCES = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger JOB_RUNS = new AtomicInteger();
    private static final AtomicInteger UNEXPECTED = new AtomicInteger();

    /** One command, with the (possibly extreme) values it is given. */
    interface Step {
    }

    record CreateType(int tenant, int credits, CreditPeriod period, Optional<Period> validity) implements Step {
    }

    record AddMembership(int tenant, int type, LocalDate start, Optional<LocalDate> end) implements Step {
    }

    enum Change { PAUSE, RESUME, CANCEL }

    record ChangeMembership(int membership, Change change) implements Step {
    }

    /** {@code membership}: -1 none, -2 a random id, otherwise one of the memberships added. */
    record IssueByHand(int tenant, int count, int membership, Optional<Instant> expiry) implements Step {
    }

    record Revoke(int tenant, int credit) implements Step {
    }

    record Redeem(int tenant, int booking) implements Step {
    }

    record CancelBooking(int tenant, int booking) implements Step {
    }

    record PlaceOrder(int tenant, int credits, Optional<Period> validity, BigDecimal price) implements Step {
    }

    record CancelOrder(int order) implements Step {
    }

    record Jump(Duration by) implements Step {
    }

    record Sweep(int limit) implements Step {
    }

    @Property(tries = 100)
    void extreme_inputs_meet_only_clientele_exceptions_and_the_job_never_fails(
            @ForAll("sequences") List<Step> steps) {
        World world = new World();
        for (Step step : steps) {
            world.apply(step);
            world.runJobsAndRead(step);
        }
        world.clock(Duration.ofDays(400));
        world.runJobsAndRead(new Jump(Duration.ofDays(400)));
        assertThat(world.unexpected).as("non-Clientele failures in %s", steps).isEmpty();
        SEQUENCES.incrementAndGet();
    }

    @AfterContainer
    static void report() {
        System.out.println("RESULT name=extreme-dates-properties sequences=" + SEQUENCES.get() + " accepted="
                + ACCEPTED.get() + " refused=" + REFUSED.get() + " job_runs=" + JOB_RUNS.get() + " unexpected="
                + UNEXPECTED.get());
    }

    // ---- the system under test, and what the sequence has made so far ----

    private static final class World {

        final TestClientele t = new TestClientele();
        final Clientele c = t.clientele;
        final List<Client> clients = new ArrayList<>();
        final List<MembershipType> types = new ArrayList<>();
        final List<Membership> memberships = new ArrayList<>();
        final List<Order> orders = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();

        World() {
            t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withTimeZone("Pacific/Auckland"));
            t.memory.tenantSettings().put(OTHER_TENANT,
                    TenantSettings.defaults().withTimeZone("America/Los_Angeles"));
            for (TenantId tenant : TENANTS) {
                clients.add(c.clients().create(owner(tenant), tenant, ClientDetails.named("Member", "Extreme")));
            }
        }

        static Actor owner(TenantId tenant) {
            return TestClientele.ownerOf(tenant);
        }

        void apply(Step step) {
            attempt(step, () -> run(step), true);
        }

        private void run(Step step) {
            if (step instanceof CreateType s) {
                TenantId tenant = TENANTS.get(s.tenant());
                types.add(c.membershipTypes().createType(owner(tenant), tenant, "Type " + types.size(),
                        new RecurringCreditRule(s.credits(), s.period(), s.validity())));
            } else if (step instanceof AddMembership s) {
                if (!types.isEmpty()) {
                    MembershipType type = types.get(s.type() % types.size());
                    TenantId tenant = type.tenantId();
                    memberships.add(s.end().isPresent()
                            ? c.memberships().addMembership(owner(tenant), tenant, client(tenant).id(), type.id(),
                                    s.start(), s.end().get())
                            : c.memberships().addMembership(owner(tenant), tenant, client(tenant).id(), type.id(),
                                    s.start()));
                }
            } else if (step instanceof ChangeMembership s) {
                if (!memberships.isEmpty()) {
                    Membership m = memberships.get(s.membership() % memberships.size());
                    Actor owner = owner(m.tenantId());
                    switch (s.change()) {
                        case PAUSE -> c.memberships().pause(owner, m.tenantId(), m.id(), t.membershipVersion(m.id()));
                        case RESUME -> c.memberships().resume(owner, m.tenantId(), m.id(), t.membershipVersion(m.id()));
                        case CANCEL -> c.memberships().cancel(owner, m.tenantId(), m.id(), t.membershipVersion(m.id()));
                    }
                }
            } else if (step instanceof IssueByHand s) {
                TenantId tenant = TENANTS.get(s.tenant());
                Optional<MembershipId> membership = s.membership() == -1 ? Optional.empty()
                        : s.membership() == -2 || memberships.isEmpty()
                                ? Optional.of(new MembershipId(UUID.randomUUID()))
                        : Optional.of(memberships.get(s.membership() % memberships.size()).id());
                CreditIssue issue = CreditIssue.of(s.count(), "extreme issue");
                issue = membership.map(issue::forMembership).orElse(issue);
                issue = s.expiry().map(issue::expiringAt).orElse(issue);
                c.credits().issueMembershipCredits(owner(tenant), tenant, client(tenant).id(), issue);
            } else if (step instanceof Revoke s) {
                TenantId tenant = TENANTS.get(s.tenant());
                List<Credit> all = t.memory.credits().listForClient(tenant, client(tenant).id());
                if (!all.isEmpty()) {
                    c.credits().revoke(owner(tenant), tenant, all.get(s.credit() % all.size()).id(),
                            "extreme revoke");
                }
            } else if (step instanceof Redeem s) {
                TenantId tenant = TENANTS.get(s.tenant());
                c.credits().redeem(owner(tenant), tenant, client(tenant).id(), "booking-" + s.booking());
            } else if (step instanceof CancelBooking s) {
                TenantId tenant = TENANTS.get(s.tenant());
                c.credits().cancelBooking(owner(tenant), tenant, "booking-" + s.booking(), "cancelled");
            } else if (step instanceof PlaceOrder s) {
                TenantId tenant = TENANTS.get(s.tenant());
                OrderLineInput line = s.validity()
                        .map(v -> OrderLineInput.packagePurchase("Pack", s.credits(), v, "EUR", s.price()))
                        .orElseGet(() -> OrderLineInput.packageWithoutExpiry("Pack", s.credits(), "EUR", s.price()));
                orders.add(c.orders().place(owner(tenant), tenant, client(tenant).id(), List.of(line)));
            } else if (step instanceof CancelOrder s) {
                if (!orders.isEmpty()) {
                    Order order = orders.get(s.order() % orders.size());
                    c.orders().cancel(owner(order.tenantId()), order.tenantId(), order.id(), "extreme");
                }
            } else if (step instanceof Jump s) {
                clock(s.by());
            } else if (step instanceof Sweep s) {
                c.credits().expireDue(s.limit());
            }
        }

        Client client(TenantId tenant) {
            return clients.get(TENANTS.indexOf(tenant));
        }

        /** Moves the clock, staying within two years of the start. */
        void clock(Duration by) {
            Instant target = t.clock.instant().plus(by);
            t.clock.set(target.isBefore(EARLIEST) ? EARLIEST : target.isAfter(LATEST) ? LATEST : target);
        }

        /** The host's jobs and every reader, after each step: none may fail. */
        void runJobsAndRead(Step after) {
            attempt(after, () -> readAll(after), false);
        }

        /** The issuance job, the expiry sweep and every reader; the job must report no failure. */
        private void readAll(Step after) {
            IssuanceReport report = c.membershipIssuance().issueDueCredits();
            JOB_RUNS.incrementAndGet();
            if (report.failures() != 0) {
                unexpected.add("issuance job failed on " + report.failures() + " memberships after " + after);
                UNEXPECTED.incrementAndGet();
            }
            c.credits().expireDue(CreditService.MAX_SWEEP_BATCH);
            for (TenantId tenant : TENANTS) {
                Actor owner = owner(tenant);
                Client client = client(tenant);
                List<Credit> all = Pages.all(page -> c.credits().list(owner, tenant, client.id(), page));
                Map<CreditState, Long> balances = c.credits().balances(owner, tenant, client.id());
                long counted = balances.values().stream().mapToLong(Long::longValue).sum();
                if (counted != all.size()) {
                    unexpected.add("balances count " + counted + " credits, the list " + all.size());
                }
                c.credits().ledger(owner, tenant, client.id());
                c.memberships().listForClient(owner, tenant, client.id(), PageRequest.first());
                c.dataExport().export(owner, tenant, client.id());
            }
        }

        /**
         * Runs the call; a ClienteleException is a refusal (counted for a command, a finding for the
         * jobs and readers, which nothing may stop), anything else is a finding.
         */
        private void attempt(Step step, Runnable call, boolean command) {
            try {
                call.run();
                if (command) {
                    ACCEPTED.incrementAndGet();
                }
            } catch (ClienteleException e) {
                if (command) {
                    REFUSED.incrementAndGet();
                } else {
                    UNEXPECTED.incrementAndGet();
                    unexpected.add("a job or a reader failed after " + step + ": " + e);
                }
            } catch (RuntimeException e) {
                UNEXPECTED.incrementAndGet();
                unexpected.add(step + " threw " + e);
            }
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Integer> tenant = Arbitraries.integers().between(0, TENANTS.size() - 1);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 50);
        Arbitrary<Step> createType = Combinators.combine(tenant, counts(), Arbitraries.of(CreditPeriod.class),
                periods().optional(0.8)).as(CreateType::new);
        Arbitrary<Step> addMembership = Combinators.combine(tenant, pick, dates(), endDates().optional(0.6))
                .as(AddMembership::new);
        Arbitrary<Step> change = Combinators.combine(pick, Arbitraries.of(Change.class)).as(ChangeMembership::new);
        Arbitrary<Step> issue = Combinators.combine(tenant, counts(), Arbitraries.integers().between(-2, 20),
                instants().optional(0.7)).as(IssueByHand::new);
        Arbitrary<Step> revoke = Combinators.combine(tenant, pick).as(Revoke::new);
        Arbitrary<Step> redeem = Combinators.combine(tenant, Arbitraries.integers().between(0, 3)).as(Redeem::new);
        Arbitrary<Step> cancelBooking = Combinators.combine(tenant, Arbitraries.integers().between(0, 3))
                .as(CancelBooking::new);
        Arbitrary<Step> order = Combinators.combine(tenant, counts(), periods().optional(0.8), prices())
                .as(PlaceOrder::new);
        Arbitrary<Step> cancelOrder = pick.map(CancelOrder::new);
        Arbitrary<Step> jump = jumps().map(Jump::new);
        Arbitrary<Step> sweep = counts().map(Sweep::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(3, createType), Tuple.of(4, addMembership), Tuple.of(3, change), Tuple.of(4, issue),
                Tuple.of(2, revoke), Tuple.of(2, redeem), Tuple.of(1, cancelBooking), Tuple.of(3, order),
                Tuple.of(1, cancelOrder), Tuple.of(4, jump), Tuple.of(1, sweep));
        return step.list().ofMinSize(1).ofMaxSize(20);
    }

    /** Counts at and around every limit, and the extremes of {@code int}. */
    private static Arbitrary<Integer> counts() {
        return Arbitraries.oneOf(
                Arbitraries.of(Integer.MIN_VALUE, -1, 0, 1, 100, 101, 1000, 10_000, 10_001, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 5));
    }

    /** The calendar's extremes, the edges of the documented ranges, and ordinary dates near today. */
    private static Arbitrary<LocalDate> dates() {
        return Arbitraries.oneOf(
                Arbitraries.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH, LocalDate.of(1900, 1, 1),
                        LocalDate.of(9999, 12, 31), TODAY.minusYears(1), TODAY.minusYears(1).minusDays(1),
                        TODAY.plusYears(1), TODAY.plusYears(1).plusDays(1), TODAY.plusYears(10),
                        TODAY.plusYears(11), LocalDate.of(2028, 2, 29)),
                Arbitraries.integers().between(-400, 400).map(TODAY::plusDays));
    }

    /** End dates: the far future more often, since it used to break the issuance job later. */
    private static Arbitrary<LocalDate> endDates() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(LocalDate.MAX, LocalDate.of(9999, 12, 31),
                TODAY.plusYears(10), TODAY.plusYears(10).plusDays(1))), Tuple.of(2, dates()));
    }

    /** Periods at the extremes of their parts, negative, zero, at and past ten years, and ordinary. */
    private static Arbitrary<Period> periods() {
        return Arbitraries.oneOf(
                Arbitraries.of(Period.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
                        Period.ofYears(Integer.MAX_VALUE), Period.ofMonths(Integer.MAX_VALUE),
                        Period.ofDays(Integer.MAX_VALUE), Period.of(Integer.MIN_VALUE, Integer.MIN_VALUE,
                                Integer.MIN_VALUE), Period.ofDays(-1), Period.of(1, -13, 0), Period.ZERO,
                        Period.ofYears(10), Period.ofMonths(120), Period.ofDays(3653), Period.ofDays(3654),
                        Period.of(10, 0, 1)),
                Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 14),
                        Arbitraries.integers().between(0, 40)).as(Period::of));
    }

    /** Instants at the extremes, at the edges of the documented ranges, and ordinary ones. */
    private static Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusSeconds(1), START,
                        START.plus(Duration.ofDays(3653)), START.plus(Duration.ofDays(3654)),
                        START.minus(Duration.ofDays(1))),
                Arbitraries.longs().between(-3_000_000, 30_000_000).map(START::plusSeconds));
    }

    /** Prices at and beyond the limits of {@code Money}, with too many decimals, and ordinary. */
    private static Arbitrary<BigDecimal> prices() {
        return Arbitraries.oneOf(
                Arbitraries.of(BigDecimal.ZERO, new BigDecimal("-0.01"), new BigDecimal("999999999999.99"),
                        new BigDecimal("1000000000000"), new BigDecimal("1E+1000"), new BigDecimal("1E-1000"),
                        new BigDecimal("0.001")),
                Arbitraries.integers().between(0, 50_000).map(cents -> BigDecimal.valueOf(cents, 2)));
    }

    /** Clock jumps: seconds to years, forwards and backwards. */
    private static Arbitrary<Duration> jumps() {
        return Arbitraries.oneOf(
                Arbitraries.of(Duration.ofDays(400), Duration.ofDays(-400), Duration.ofDays(3650),
                        Duration.ofDays(-3650), Duration.ofSeconds(1), Duration.ofHours(-13)),
                Arbitraries.longs().between(-60, 200).map(Duration::ofDays),
                Arbitraries.longs().between(-48, 48).map(Duration::ofHours));
    }
}
