package io.clientele.credit;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.common.OrderId;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.testing.Pages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random sequences of issue (with or without expiry), redeem, revoke, time passing, the expiry
 * sweep, booking cancellation, orders granting package credits and order cancellation, plus
 * attempts to issue package credits by hand, run against the credit service on in-memory adapters
 * and checked against a model of what each credit should be. After every step: every credit is in
 * exactly one state, the one the model expects (a credit past its expiry is expired whether or not
 * the sweep has run, and revoking it or cancelling its order records the expiry); the balances
 * equal the counts per state of the list; the ledger of every credit is an unbroken chain of
 * allowed transitions ending in its state; every package credit comes from an order granted through
 * {@code CreditGrants}; redemption took the credit the rules name, and never one past its expiry.
 */
class CreditLedgerPropertiesTest {

    private static final int CLIENTS = 2;
    private static final int BOOKINGS = 4;
    private static final AtomicInteger SEQUENCES = new AtomicInteger();
    private static final AtomicInteger VIOLATIONS = new AtomicInteger();
    private static final AtomicInteger STEPS = new AtomicInteger();
    private static final AtomicInteger REDEEMED = new AtomicInteger();
    private static final AtomicInteger REINSTATED = new AtomicInteger();
    private static final AtomicInteger EXPIRED = new AtomicInteger();

    enum Kind { ISSUE, ISSUE_PACKAGE_BY_HAND, REDEEM, REVOKE, TIME_PASSES, SWEEP, CANCEL_BOOKING, ORDER, CANCEL_ORDER }

    /** One step: what, for which client, which booking/credit/order, how many, how long, expiring or not. */
    record Step(Kind kind, int client, int pick, int amount, long minutes, boolean expiring) {
        @Override
        public String toString() {
            return kind + "(c" + client + ",p" + pick + ",n" + amount + "," + minutes + "m" + (expiring ? ",exp" : "")
                    + ")";
        }
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, Kind.ISSUE), Tuple.of(1, Kind.ISSUE_PACKAGE_BY_HAND),
                        Tuple.of(5, Kind.REDEEM), Tuple.of(2, Kind.REVOKE), Tuple.of(2, Kind.TIME_PASSES),
                        Tuple.of(2, Kind.SWEEP), Tuple.of(3, Kind.CANCEL_BOOKING), Tuple.of(2, Kind.ORDER),
                        Tuple.of(1, Kind.CANCEL_ORDER)),
                Arbitraries.integers().between(0, CLIENTS - 1),
                Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(1, 3),
                Arbitraries.oneOf(Arbitraries.longs().between(1, 180),
                        Arbitraries.longs().between(60L * 12, 60L * 24 * 10)),
                Arbitraries.of(true, false))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 400)
    // 400 tries, each on a fresh TestClientele: about a minute on PostgreSQL, as long as the rest of the run
    @Tag("in-memory")
    void every_sequence_keeps_the_ledger_consistent(@ForAll("sequences") List<Step> steps) {
        Model model = new Model();
        for (Step step : steps) {
            try {
                model.apply(step);
            } catch (RuntimeException e) {
                model.problems.add("unexpected " + e);
            }
            model.checkInvariants();
            STEPS.incrementAndGet();
            if (!model.problems.isEmpty()) {
                VIOLATIONS.incrementAndGet();
            }
            assertThat(model.problems).as("after %s in %s", step, steps).isEmpty();
        }
        SEQUENCES.incrementAndGet();
    }

    @AfterContainer
    static void report() {
        System.out.println("RESULT name=ledger-properties sequences=" + SEQUENCES.get() + " violations="
                + VIOLATIONS.get());
        System.out.println("ledger-properties: steps=" + STEPS.get() + " redeemed=" + REDEEMED.get()
                + " reinstated_or_expired_on_cancel=" + REINSTATED.get() + " expired_by_sweep=" + EXPIRED.get());
    }

    /** What the test expects of one credit. */
    private static final class Expected {
        final CreditId id;
        final int client;
        final CreditSource source;
        final Instant issuedAt;
        final Optional<Instant> expiresAt;
        CreditState state = CreditState.REDEEMABLE;
        Optional<String> booking = Optional.empty();

        Expected(Credit credit, int client) {
            this.id = credit.id();
            this.client = client;
            this.source = credit.source();
            this.issuedAt = credit.issuedAt();
            this.expiresAt = credit.expiresAt();
        }

        boolean pastExpiry(Instant now) {
            return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
        }

        /** The state readers see at {@code now}: a redeemable credit past its expiry is expired. */
        CreditState stateAt(Instant now) {
            return state == CreditState.REDEEMABLE && pastExpiry(now) ? CreditState.EXPIRED : state;
        }
    }

    /** The system under test and the test's own account of every credit. */
    private static final class Model {

        private static final Comparator<Expected> REDEMPTION_ORDER = Comparator
                .comparing((Expected e) -> e.expiresAt.orElse(Instant.MAX))
                .thenComparing(e -> e.issuedAt)
                .thenComparing(e -> e.id);

        final CreditKit kit = new CreditKit();
        final CreditService credits = kit.credits;
        final List<Client> clients = new ArrayList<>();
        final Map<CreditId, Expected> expected = new LinkedHashMap<>();
        final List<CreditSource> grantedOrders = new ArrayList<>();
        final Map<CreditSource, Integer> orderClient = new HashMap<>();
        final List<String> problems = new ArrayList<>();

        Model() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(kit.client("Client" + (char) ('A' + i)));
            }
        }

        Instant now() {
            return kit.t.clock.instant();
        }

        void apply(Step step) {
            Client client = clients.get(step.client());
            switch (step.kind()) {
                case ISSUE -> {
                    Optional<Instant> expiry = step.expiring()
                            ? Optional.of(now().plus(Duration.ofMinutes(step.minutes())))
                            : Optional.empty();
                    kit.issue(client, step.amount(), expiry).forEach(c -> track(c, step.client()));
                }
                case ISSUE_PACKAGE_BY_HAND -> {
                    var before = kit.stored();
                    try {
                        credits.issuePackageCredits(OWNER, TENANT, client.id(),
                CreditIssue.of(step.amount(), "by hand"));
                        problems.add("package credits were issued by hand");
                    } catch (ValidationException e) {
                        if (!e.field().equals("source") || !e.rule().equals("package_credits_come_from_orders")) {
                            problems.add("package refusal with " + e.field() + "/" + e.rule());
                        }
                    }
                    if (!kit.stored().equals(before)) {
                        problems.add("a refused package issue changed the stores");
                    }
                }
                case REDEEM -> redeem(step.client(), client, booking(step.pick()));
                case REVOKE -> revoke(step.client(), step.pick());
                case TIME_PASSES -> kit.later(Duration.ofMinutes(step.minutes()));
                case SWEEP -> {
                    kit.later(Duration.ofMinutes(step.minutes()));
                    sweep();
                }
                case CANCEL_BOOKING -> cancelBooking(booking(step.pick()));
                case ORDER -> {
                    CreditSource order = CreditSource.order(new OrderId(kit.t.ids.next()));
                    Optional<Instant> expiry = step.expiring()
                            ? Optional.of(now().plus(Duration.ofMinutes(step.minutes())))
                            : Optional.empty();
                    List<Credit> granted = kit.t.stores.transactions().inTransaction(() -> expiry.isPresent()
                            ? kit.grants.grant(OWNER, TENANT, client.id(), order, step.amount(), expiry.get(),
                                    "order placed")
                            : kit.grants.grant(OWNER, TENANT, client.id(), order, step.amount(), "order placed"));
                    grantedOrders.add(order);
                    orderClient.put(order, step.client());
                    granted.forEach(c -> track(c, step.client()));
                }
                case CANCEL_ORDER -> {
                    if (!grantedOrders.isEmpty()) {
                        CreditSource order = grantedOrders.get(step.pick() % grantedOrders.size());
                        kit.cancelOrder(clients.get(orderClient.get(order)), order);
                        cancelledOrders.add(order);
                        expected.values().stream()
                                .filter(e -> e.source.equals(order) && e.state == CreditState.REDEEMABLE)
                                .forEach(e -> e.state = e.pastExpiry(now()) ? CreditState.EXPIRED
                                        : CreditState.REVOKED);
                    }
                }
            }
        }

        private static String booking(int pick) {
            return "booking-" + (pick % BOOKINGS);
        }

        private void track(Credit credit, int client) {
            if (expected.put(credit.id(), new Expected(credit, client)) != null) {
                problems.add("credit " + credit.id() + " issued twice");
            }
        }

        private void redeem(int index, Client client, String booking) {
            Instant now = now();
            Optional<Expected> due = expected.values().stream()
                    .filter(e -> e.client == index && e.state == CreditState.REDEEMABLE && !e.pastExpiry(now))
                    .min(REDEMPTION_ORDER);
            RedeemResult result = credits.redeem(BOOKING_FLOW, TENANT, client.id(), booking);
            if (result instanceof RedeemResult.Redeemed redeemed) {
                Credit credit = redeemed.credit();
                if (credit.isPastExpiry(now)) {
                    problems.add("redeemed " + credit.id() + " past its expiry");
                }
                if (due.isEmpty() || !due.get().id.equals(credit.id())) {
                    problems.add("redeemed " + credit.id() + " but the rules name " + due.map(e -> e.id));
                }
                Expected e = expected.get(credit.id());
                if (e == null) {
                    problems.add("redeemed an unknown credit");
                } else {
                    e.state = CreditState.REDEEMED;
                    e.booking = Optional.of(booking);
                }
                REDEEMED.incrementAndGet();
            } else if (due.isPresent()) {
                problems.add("no credit redeemed although " + due.get().id + " was available");
            }
        }

        private void revoke(int index, int pick) {
            List<Expected> own = expected.values().stream().filter(e -> e.client == index)
                    .sorted(Comparator.comparing(e -> e.id)).toList();
            if (own.isEmpty()) {
                return;
            }
            Expected target = own.get(pick % own.size());
            var before = kit.stored();
            // a credit past its expiry is expired already: revoking it records the expiry
            CreditState should = target.pastExpiry(now()) ? CreditState.EXPIRED : CreditState.REVOKED;
            try {
                Credit revoked = credits.revoke(OWNER, TENANT, target.id, "revoked by the test");
                if (target.state != CreditState.REDEEMABLE) {
                    problems.add("revoked a " + target.state + " credit");
                }
                if (revoked.state() != should) {
                    problems.add("revoke left the credit " + revoked.state() + ", expected " + should);
                }
                target.state = should;
            } catch (ConflictException e) {
                if (target.state == CreditState.REDEEMABLE || e.reason() != ConflictException.Reason.ILLEGAL_STATE) {
                    problems.add("revoke of a " + target.state + " credit refused with " + e.code());
                }
                if (!kit.stored().equals(before)) {
                    problems.add("a refused revoke changed the stores");
                }
            }
        }

        private void sweep() {
            Instant now = now();
            List<Expected> due = expected.values().stream()
                    .filter(e -> e.state == CreditState.REDEEMABLE && e.pastExpiry(now)).toList();
            int expired = credits.expireDue(CreditService.MAX_SWEEP_BATCH);
            if (expired != due.size()) {
                problems.add("the sweep expired " + expired + " credits, " + due.size() + " were due");
            }
            due.forEach(e -> e.state = CreditState.EXPIRED);
            EXPIRED.addAndGet(expired);
            var before = kit.stored();
            int again = credits.expireDue(CreditService.MAX_SWEEP_BATCH);
            if (again != 0 || !kit.stored().equals(before)) {
                problems.add("a second sweep changed something (" + again + ")");
            }
        }

        private final Set<CreditSource> cancelledOrders = new HashSet<>();

        private void cancelBooking(String booking) {
            Instant now = now();
            Set<CreditId> paid = new HashSet<>();
            expected.values().stream()
                    .filter(e -> e.state == CreditState.REDEEMED && e.booking.equals(Optional.of(booking)))
                    .forEach(e -> paid.add(e.id));
            List<Credit> reinstated = credits.cancelBooking(BOOKING_FLOW, TENANT, booking, "booking cancelled");
            Set<CreditId> got = new HashSet<>();
            for (Credit credit : reinstated) {
                got.add(credit.id());
                Expected e = expected.get(credit.id());
                CreditState should = e.pastExpiry(now) ? CreditState.EXPIRED
                        : cancelledOrders.contains(e.source) ? CreditState.REVOKED : CreditState.REDEEMABLE;
                if (credit.state() != should) {
                    problems.add("cancel made " + credit.id() + " " + credit.state() + ", expected " + should);
                }
                e.state = should;
                e.booking = Optional.empty();
                REINSTATED.incrementAndGet();
            }
            if (!got.equals(paid)) {
                problems.add("cancel of " + booking + " reinstated " + got + ", expected " + paid);
            }
        }

        void checkInvariants() {
            List<Credit> everyStored = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Client client = clients.get(i);
                List<Credit> all = Pages.all(page -> credits.list(OWNER, TENANT, client.id(), page));
                everyStored.addAll(all);
                Map<CreditState, Long> balances = credits.balances(OWNER, TENANT, client.id());
                Set<CreditId> seen = new HashSet<>();
                Map<CreditState, Long> counted = new EnumMap<>(CreditState.class);
                for (CreditState state : CreditState.values()) {
                    List<Credit> inState = Pages.all(page -> credits.list(OWNER, TENANT, client.id(), state, page));
                    counted.put(state, (long) inState.size());
                    for (Credit credit : inState) {
                        if (credit.state() != state) {
                            problems.add("list(" + state + ") holds a " + credit.state() + " credit");
                        }
                        if (!seen.add(credit.id())) {
                            problems.add("credit " + credit.id() + " is in more than one state");
                        }
                    }
                }
                if (!seen.equals(ids(all)) || seen.size() != all.size()) {
                    problems.add("client " + i + ": the per-state lists do not partition the credits");
                }
                if (!balances.equals(counted) || balances.size() != CreditState.values().length) {
                    problems.add("client " + i + ": balances " + balances + " but lists count " + counted);
                }
                checkLedger(i, client, all);
            }
            if (everyStored.size() != expected.size()) {
                problems.add(everyStored.size() + " credits stored, " + expected.size() + " issued");
            }
            for (Credit credit : everyStored) {
                Expected e = expected.get(credit.id());
                if (e == null) {
                    problems.add("credit " + credit.id() + " appeared from nowhere");
                    continue;
                }
                if (credit.state() != e.stateAt(now())) {
                    problems.add("credit " + credit.id() + " is " + credit.state() + ", expected " + e.stateAt(now()));
                }
                if (!credit.bookingRef().equals(e.booking)) {
                    problems.add("credit " + credit.id() + " booking " + credit.bookingRef() + ", expected "
                            + e.booking);
                }
                if (!credit.expiresAt().equals(e.expiresAt)) {
                    problems.add("credit " + credit.id() + " changed its expiry");
                }
                if (credit.source().kind() == CreditSource.Kind.PACKAGE && !grantedOrders.contains(credit.source())) {
                    problems.add("package credit " + credit.id() + " without a granted order");
                }
            }
        }

        /** Each credit's ledger: issued first, then only allowed moves, ending in the stored state. */
        private void checkLedger(int index, Client client, List<Credit> all) {
            Map<CreditId, CreditState> reached = new HashMap<>();
            Map<CreditId, Credit> byId = new HashMap<>();
            all.forEach(c -> byId.put(c.id(), c));
            for (CreditChange line : credits.ledger(OWNER, TENANT, client.id())) {
                Optional<CreditState> previous = Optional.ofNullable(reached.get(line.creditId()));
                if (!line.from().equals(previous)) {
                    problems.add("ledger line of " + line.creditId() + " from " + line.from() + " after " + previous);
                } else if (previous.isPresent() && !allowed(previous.get(), line.to())) {
                    problems.add("ledger: " + previous.get() + " -> " + line.to());
                } else if (previous.isEmpty() && line.to() != CreditState.REDEEMABLE) {
                    problems.add("ledger: issued as " + line.to());
                }
                Credit credit = byId.get(line.creditId());
                if (credit != null && line.to() == CreditState.REDEEMED && credit.isPastExpiry(line.at())) {
                    problems.add("ledger: " + line.creditId() + " redeemed at " + line.at() + " past its expiry");
                }
                reached.put(line.creditId(), line.to());
            }
            for (Credit credit : all) {
                if (reached.get(credit.id()) != credit.state()) {
                    problems.add("client " + index + ": ledger of " + credit.id() + " ends at "
                            + reached.get(credit.id()) + ", credit is " + credit.state());
                }
            }
        }

        private static boolean allowed(CreditState from, CreditState to) {
            return switch (from) {
                case REDEEMABLE -> to == CreditState.REDEEMED || to == CreditState.REVOKED
                        || to == CreditState.EXPIRED;
                case REDEEMED -> to == CreditState.REDEEMABLE || to == CreditState.EXPIRED;
                case REVOKED, EXPIRED -> false;
            };
        }

        private static Set<CreditId> ids(List<Credit> credits) {
            Set<CreditId> ids = new HashSet<>();
            credits.forEach(c -> ids.add(c.id()));
            return ids;
        }
    }
}
