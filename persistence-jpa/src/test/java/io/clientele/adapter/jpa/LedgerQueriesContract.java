package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Cursor;
import io.clientele.common.DisplayName;
import io.clientele.common.MembershipId;
import io.clientele.common.OrderId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Slice;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.CreditSummary;
import io.clientele.credit.port.CreditRepository;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.membership.port.MembershipRepository;
import io.clientele.membership.port.MembershipTypeRepository;
import io.clientele.order.model.Order;
import io.clientele.order.port.OrderRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the ledger's ports promise beyond their testkit contracts, run on PostgreSQL, on H2 and on
 * the in-memory adapters (the reference behaviour, so the expectations here are the core's own):
 * ledger lines appended in batches and read in list order, credit pages and the profile's summary
 * by effective state, the expiry sweep's conditional expiry, the orders' profile section and
 * count, membership pages, claims and source closings that find their key taken without spoiling
 * the unit of work, and concurrent updates of one version of each versioned row.
 *
 * <p>Every test uses tenants of its own, so the store may hold other tests' rows. Not
 * thread-safe: JUnit makes one instance per test.
 */
abstract class LedgerQueriesContract {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final String ACTOR = "staff:ledger";

    /** The ports under test and the runner whose units of work they join (which may run at once). */
    record Ledger(CreditRepository credits, OrderRepository orders, MembershipRepository memberships,
            MembershipTypeRepository types, IssuanceLog issuance, TransactionRunner tx) {
    }

    CreditRepository credits;
    private OrderRepository orders;
    private MembershipRepository memberships;
    private MembershipTypeRepository types;
    private IssuanceLog issuance;
    TransactionRunner tx;
    Fixtures fx;
    TenantId tenant;
    private TenantId otherTenant;
    ClientId ana;
    private ClientId bea;

    /** The ports under test; called before each test. */
    protected abstract Ledger ledger();

    @BeforeEach
    void setUpLedgerQueriesContract() {
        Ledger ledger = ledger();
        credits = ledger.credits();
        orders = ledger.orders();
        memberships = ledger.memberships();
        types = ledger.types();
        issuance = ledger.issuance();
        tx = ledger.tx();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
        bea = fx.newClientId();
    }

    Credit insert(Credit credit) {
        tx.run(() -> credits.insertAll(List.of(credit)));
        return credit.withVersion(0);
    }

    <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    CreditChange line(Credit credit, UUID id, CreditState to) {
        return new CreditChange(id, credit.tenantId(), credit.clientId(), credit.id(), Optional.of(CreditState.REDEEMABLE),
                to, fx.now(), ACTOR, "line " + id);
    }

    static void conflict(ConflictException.Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void invalidCursor(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    // ---------------------------------------------------------------- credit ledger

    @Test
    void ledger_lines_appended_in_a_batch_are_read_in_list_order_not_in_id_order() {
        Credit credit = insert(fx.aCredit(tenant, ana).build());
        Credit beas = insert(fx.aCredit(tenant, bea).build());
        UUID smaller = fx.nextId();
        UUID larger = fx.nextId();
        CreditChange appendedFirst = line(credit, larger, CreditState.REDEEMED);
        CreditChange appendedSecond = line(credit, smaller, CreditState.REVOKED);
        CreditChange beasLine = line(beas, fx.nextId(), CreditState.REDEEMED);
        CreditChange later = line(credit, fx.nextId(), CreditState.EXPIRED);

        tx.run(() -> credits.appendAll(List.of(appendedFirst, beasLine, appendedSecond)));
        tx.run(() -> credits.appendAll(List.of()));
        tx.run(() -> credits.appendAll(List.of(later)));

        assertThat(read(() -> credits.changes(tenant, ana))).containsExactly(appendedFirst, appendedSecond, later);
        assertThat(read(() -> credits.changes(tenant, bea))).containsExactly(beasLine);
        assertThat(read(() -> credits.changes(otherTenant, ana))).isEmpty();
    }

    /** Five credits of Ana, newest issued first: redeemed, lapsing, then twins, then the oldest. */
    private List<Credit> anasCreditsNewestFirst() {
        Instant start = fx.now();
        Credit oldest = insert(fx.aCredit(tenant, ana).build());
        fx.advance(Duration.ofMinutes(1));
        Credit twin = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofDays(30))).build());
        Credit laterTwin = insert(fx.aCredit(tenant, ana).build());
        fx.advance(Duration.ofMinutes(1));
        Credit lapsing = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(1))).build());
        Credit redeemed = insert(fx.aCredit(tenant, ana).redeemedFor("bk-1").build());
        insert(fx.aCredit(tenant, bea).build());
        insert(fx.aCredit(otherTenant, ana).build());
        return List.of(redeemed, lapsing, laterTwin, twin, oldest);
    }

    private List<Credit> walk(Function<PageRequest, Page<Credit>> pages, int size) {
        List<Credit> walked = new ArrayList<>();
        Page<Credit> page = read(() -> pages.apply(PageRequest.first(size)));
        walked.addAll(page.items());
        while (page.hasNext()) {
            assertThat(page.items()).hasSize(size);
            Cursor next = page.next().orElseThrow();
            page = read(() -> pages.apply(PageRequest.after(next, size)));
            walked.addAll(page.items());
        }
        return walked;
    }

    @Test
    void credit_pages_walk_newest_issued_first_then_by_id_and_filter_by_the_effective_state() {
        List<Credit> newestFirst = anasCreditsNewestFirst();
        Credit redeemed = newestFirst.get(0);
        Credit lapsing = newestFirst.get(1);
        Instant later = fx.now().plus(Duration.ofHours(3));

        assertThat(walk(p -> credits.pageForClient(tenant, ana, p), 2)).containsExactlyElementsOf(newestFirst);
        assertThat(walk(p -> credits.pageForClient(tenant, ana, p), 5)).containsExactlyElementsOf(newestFirst);
        assertThat(walk(p -> credits.pageForClient(tenant, ana, CreditState.REDEEMABLE, later, p), 2))
                .containsExactlyElementsOf(newestFirst.subList(2, 5));
        assertThat(walk(p -> credits.pageForClient(tenant, ana, CreditState.REDEEMABLE, fx.now(), p), 3))
                .containsExactlyElementsOf(newestFirst.subList(1, 5));
        assertThat(walk(p -> credits.pageForClient(tenant, ana, CreditState.EXPIRED, later, p), 2))
                .containsExactly(lapsing);
        assertThat(walk(p -> credits.pageForClient(tenant, ana, CreditState.REDEEMED, later, p), 2))
                .containsExactly(redeemed);
        assertThat(walk(p -> credits.pageForClient(otherTenant, bea, p), 2)).isEmpty();
    }

    @Test
    void a_credit_page_position_the_adapter_did_not_make_is_a_validation_error_on_the_cursor() {
        insert(fx.aCredit(tenant, ana).build());

        invalidCursor(() -> read(() -> credits.pageForClient(tenant, ana, PageRequest.after(new Cursor("garbage"), 5))));
        invalidCursor(() -> read(() -> credits.pageForClient(tenant, ana, CreditState.REDEEMABLE, fx.now(),
                PageRequest.after(Cursor.of("yesterday", UUID.randomUUID().toString()), 5))));
    }

    @Test
    void the_summary_counts_every_credit_by_effective_state_beside_the_newest_issued() {
        List<Credit> newestFirst = anasCreditsNewestFirst();
        Instant later = fx.now().plus(Duration.ofHours(3));

        CreditSummary two = read(() -> credits.summaryForClient(tenant, ana, later, 2));
        CreditSummary all = read(() -> credits.summaryForClient(tenant, ana, fx.now(), 200));
        CreditSummary none = read(() -> credits.summaryForClient(tenant, fx.newClientId(), later, 10));

        assertThat(two.newest()).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(two.balances()).isEqualTo(Map.of(CreditState.REDEEMABLE, 3L, CreditState.REDEEMED, 1L,
                CreditState.REVOKED, 0L, CreditState.EXPIRED, 1L));
        assertThat(two.hasMore()).isTrue();
        assertThat(all.newest()).containsExactlyElementsOf(newestFirst);
        assertThat(all.balances()).isEqualTo(Map.of(CreditState.REDEEMABLE, 4L, CreditState.REDEEMED, 1L,
                CreditState.REVOKED, 0L, CreditState.EXPIRED, 0L));
        assertThat(all.hasMore()).isFalse();
        assertThat(none.newest()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void the_sweep_expires_only_the_credits_still_redeemable_and_past_their_expiry_and_a_second_call_changes_nothing() {
        Instant start = fx.now();
        Credit anas = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(1))).build());
        Credit beas = insert(fx.aCredit(tenant, bea).expiringAt(start.plus(Duration.ofHours(1))).build());
        Credit notYet = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(10))).build());
        Credit used = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(1))).redeemedFor("bk-1")
                .build());
        Credit forever = insert(fx.aCredit(tenant, ana).build());
        Credit elsewhere = insert(fx.aCredit(otherTenant, ana).expiringAt(start.plus(Duration.ofHours(1))).build());
        Instant now = fx.advance(Duration.ofHours(2));
        List<CreditId> ids = List.of(notYet.id(), beas.id(), used.id(), elsewhere.id(), new CreditId(fx.nextId()),
                forever.id(), anas.id(), anas.id());

        List<Credit> expired = tx.inTransaction(() -> credits.expireDue(tenant, ids, now, "system:credit-expiry"));
        List<Credit> again = tx.inTransaction(() -> credits.expireDue(tenant, ids, now, "system:credit-expiry"));

        Credit anasExpired = new Credit(anas.id(), tenant, ana, anas.source(), anas.issuedAt(), anas.expiresAt(),
                CreditState.EXPIRED, Optional.empty(), "system:credit-expiry", "expired", now, 1);
        Credit beasExpired = new Credit(beas.id(), tenant, bea, beas.source(), beas.issuedAt(), beas.expiresAt(),
                CreditState.EXPIRED, Optional.empty(), "system:credit-expiry", "expired", now, 1);
        assertThat(expired).containsExactly(anasExpired, beasExpired);
        assertThat(again).isEmpty();
        assertThat(read(() -> credits.find(tenant, anas.id()))).contains(anasExpired);
        assertThat(read(() -> credits.find(tenant, notYet.id()))).contains(notYet);
        assertThat(read(() -> credits.find(tenant, used.id()))).contains(used);
        assertThat(read(() -> credits.find(tenant, forever.id()))).contains(forever);
        assertThat(read(() -> credits.find(otherTenant, elsewhere.id()))).contains(elsewhere);
        assertThat(tx.inTransaction(() -> credits.expireDue(tenant, List.of(), now, "system:credit-expiry")))
                .isEmpty();
    }

    @Test
    void a_source_closed_twice_and_a_period_claimed_twice_in_one_unit_of_work_leave_it_usable() {
        MembershipId membership = new MembershipId(fx.nextId());
        CreditSource order = CreditSource.order(new OrderId(fx.nextId()));
        Credit credit = fx.aCredit(tenant, ana).build();

        List<Boolean> claims = tx.inTransaction(() -> {
            List<Boolean> answers = new ArrayList<>();
            answers.add(issuance.claim(tenant, membership, 0));
            answers.add(issuance.claim(tenant, membership, 0));
            credits.closeSource(tenant, order);
            credits.closeSource(tenant, order);
            credits.closeSource(tenant, CreditSource.membership());
            answers.add(issuance.claim(tenant, membership, 1));
            credits.insertAll(List.of(credit));
            return answers;
        });
        Credit next = fx.aCredit(tenant, ana).build();
        boolean reclaimed = tx.inTransaction(() -> {
            boolean answer = issuance.claim(tenant, membership, 1);
            credits.closeSource(tenant, order);
            credits.insertAll(List.of(next));
            return answer;
        });

        assertThat(claims).containsExactly(true, false, true);
        assertThat(reclaimed).isFalse();
        assertThat(read(() -> issuance.claimedPeriods(tenant, membership))).containsExactly(0L, 1L);
        assertThat(read(() -> credits.isSourceClosed(tenant, order))).isTrue();
        assertThat(read(() -> credits.isSourceClosed(tenant, CreditSource.membership()))).isTrue();
        assertThat(read(() -> credits.isSourceClosed(tenant, CreditSource.membership(membership)))).isFalse();
        assertThat(read(() -> credits.find(tenant, credit.id()))).contains(credit);
        assertThat(read(() -> credits.find(tenant, next.id()))).contains(next);
    }

    // ---------------------------------------------------------------- orders

    @Test
    void the_profile_section_holds_the_newest_orders_and_counts_all_of_the_lead_booker_s_orders() {
        List<Order> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            newestFirst.add(0, tx.inTransaction(() -> orders.insert(fx.order(tenant, ana))));
            fx.advance(Duration.ofMinutes(1));
        }
        Order cancelled = tx.inTransaction(() -> orders.update(newestFirst.get(2).cancel(ACTOR, "Refund", 5, 0,
                fx.now())));
        newestFirst.set(2, cancelled);
        tx.inTransaction(() -> orders.insert(fx.order(tenant, bea)));
        tx.inTransaction(() -> orders.insert(fx.order(otherTenant, ana)));

        Slice<Order> two = read(() -> orders.newestForLeadBooker(tenant, ana, 2));
        Page<Order> rest = read(() -> orders.listForLeadBooker(tenant, ana,
                PageRequest.after(two.page().next().orElseThrow(), 2)));
        Slice<Order> all = read(() -> orders.newestForLeadBooker(tenant, ana, 200));
        Slice<Order> none = read(() -> orders.newestForLeadBooker(tenant, fx.newClientId(), 5));

        assertThat(two.items()).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(two.total()).isEqualTo(3);
        assertThat(two.hasMore()).isTrue();
        assertThat(rest.items()).containsExactly(cancelled);
        assertThat(rest.hasNext()).isFalse();
        assertThat(all.items()).containsExactlyElementsOf(newestFirst);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.hasMore()).isFalse();
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
        assertThat(read(() -> orders.countForLeadBooker(tenant, ana))).isEqualTo(3);
        assertThat(read(() -> orders.countForLeadBooker(otherTenant, bea))).isZero();
    }

    // ---------------------------------------------------------------- memberships

    @Test
    void membership_pages_walk_newest_start_date_first_then_by_id() {
        MembershipType monthly = fx.membershipType(tenant, "Monthly");
        Membership earliest = tx.inTransaction(() -> memberships.insert(fx.membership(ana, monthly,
                TODAY.minusMonths(2))));
        Membership sameDayFirst = tx.inTransaction(() -> memberships.insert(fx.membership(ana, monthly, TODAY)));
        Membership sameDaySecond = tx.inTransaction(() -> memberships.insert(fx.membership(ana, monthly, TODAY)));
        Membership latest = tx.inTransaction(() -> memberships.insert(fx.membership(ana, monthly,
                TODAY.plusDays(10), TODAY.plusYears(1))));
        tx.inTransaction(() -> memberships.insert(fx.membership(bea, monthly, TODAY)));

        Page<Membership> first = read(() -> memberships.pageForClient(tenant, ana, PageRequest.first(3)));
        Page<Membership> second = read(() -> memberships.pageForClient(tenant, ana,
                PageRequest.after(first.next().orElseThrow(), 3)));

        assertThat(first.items()).containsExactly(latest, sameDaySecond, sameDayFirst);
        assertThat(second.items()).containsExactly(earliest);
        assertThat(second.hasNext()).isFalse();
        assertThat(read(() -> memberships.pageForClient(otherTenant, ana, PageRequest.first(3))).items()).isEmpty();
        invalidCursor(() -> read(() -> memberships.pageForClient(tenant, ana,
                PageRequest.after(Cursor.of("2026-13-01", UUID.randomUUID().toString()), 3))));
    }

    // ---------------------------------------------------------------- concurrent updates

    /** Races two updates of one stored version, {@code rounds} times: one is stored, the other is stale. */
    private <T> void raceUpdates(Supplier<T> fresh, UnaryOperator<T> update, Function<T, Optional<T>> reload,
            UnaryOperator<T> first, UnaryOperator<T> second) {
        for (int round = 0; round < 3; round++) {
            T stored = tx.inTransaction(fresh);
            T one = first.apply(stored);
            T two = second.apply(stored);

            List<Race.Outcome<T>> outcomes = Race.together(List.of(
                    () -> tx.inTransaction(() -> update.apply(one)),
                    () -> tx.inTransaction(() -> update.apply(two))));

            List<T> stores = outcomes.stream().filter(Race.Outcome::returned).map(Race.Outcome::get).toList();
            assertThat(stores).as("one update is stored").hasSize(1);
            outcomes.stream().filter(o -> !o.returned()).forEach(o -> assertThat(o.thrown().orElseThrow())
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION)));
            assertThat(read(() -> reload.apply(stored))).contains(stores.get(0));
        }
    }

    @Test
    void of_two_redemptions_of_one_credit_at_once_one_is_stored_and_the_other_is_stale() {
        raceUpdates(() -> {
            Credit credit = fx.aCredit(tenant, ana).build();
            credits.insertAll(List.of(credit));
            return credit;
        }, credits::update, c -> credits.find(tenant, c.id()),
                c -> c.redeem("bk-1", "staff:one", "booked", fx.now()),
                c -> c.redeem("bk-2", "staff:two", "booked", fx.now()));
    }

    @Test
    void of_two_cancellations_of_one_order_at_once_one_is_stored_and_the_other_is_stale() {
        raceUpdates(() -> orders.insert(fx.order(tenant, ana)), orders::update, o -> orders.find(tenant, o.id()),
                o -> o.cancel("staff:one", "Refund", 5, 0, fx.now()),
                o -> o.cancel("staff:two", "Moved away", 5, 0, fx.now()));
    }

    @Test
    void of_two_changes_of_one_membership_at_once_one_is_stored_and_the_other_is_stale() {
        MembershipType type = fx.membershipType(tenant, "Monthly");
        raceUpdates(() -> memberships.insert(fx.membership(ana, type, TODAY)), memberships::update,
                m -> memberships.find(tenant, m.id()),
                m -> m.pause("staff:one", fx.now()),
                m -> m.cancel("staff:two", fx.now()));
    }

    @Test
    void of_two_changes_of_one_membership_type_at_once_one_is_stored_and_the_other_is_stale() {
        raceUpdates(() -> types.insert(fx.membershipType(tenant, "Type " + fx.nextId())), types::update,
                t -> types.find(tenant, t.id()),
                t -> t.withEnabled(false),
                t -> t.renamed(new DisplayName("Renamed " + fx.nextId())));
    }
}
