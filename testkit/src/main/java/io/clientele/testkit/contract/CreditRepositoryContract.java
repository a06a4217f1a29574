package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.OrderId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.port.CreditRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CreditRepository}: credits are stored at version 0, never replaced by an
 * insert, and found in their tenant only; updates are version-checked ({@code STALE_VERSION});
 * ledger lines are appended and read oldest first; listings, counts and the redemption order use
 * each credit's effective state at the instant given (a redeemable credit past its expiry is
 * expired); the look-ups by booking and by source, the expiry sweep's selection across tenants,
 * closed sources and the erasure of reasons answer what their Javadoc says; a rolled-back unit of
 * work leaves nothing. Concurrent redemptions are {@link VersionedUpdateConcurrencyContract}'s.
 *
 * <p>The expiry sweep's selection spans tenants, so {@link #createAdapter()} must answer an empty
 * store. Not thread-safe: JUnit makes one instance per test.
 */
public abstract class CreditRepositoryContract {

    private CreditRepository credits;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;
    private ClientId bea;

    /**
     * The adapter under test over an empty store, and the runner whose units of work it joins;
     * called before each test.
     */
    protected abstract PortUnderTest<CreditRepository> createAdapter();

    @BeforeEach
    void setUpCreditRepositoryContract() {
        PortUnderTest<CreditRepository> adapter = createAdapter();
        credits = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
        bea = fx.newClientId();
    }

    private Credit insert(Credit credit) {
        tx.run(() -> credits.insertAll(List.of(credit)));
        return credit.withVersion(0);
    }

    private Credit update(Credit credit) {
        return tx.inTransaction(() -> credits.update(credit));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<Credit> find(Credit credit) {
        return read(() -> credits.find(credit.tenantId(), credit.id()));
    }

    @Test
    void new_credits_are_stored_at_version_0_and_found_in_their_tenant_only() {
        Credit one = fx.aCredit(tenant, ana).build();
        Credit two = fx.aCredit(tenant, bea).expiringAt(fx.now().plus(Duration.ofDays(30))).build();

        tx.run(() -> credits.insertAll(List.of(one.withVersion(5), two)));
        tx.run(() -> credits.insertAll(List.of()));

        assertThat(find(one)).contains(one);
        assertThat(find(two)).contains(two);
        assertThat(read(() -> credits.find(otherTenant, one.id()))).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again_and_a_batch_holding_one_stores_nothing() {
        Credit stored = insert(fx.aCredit(tenant, ana).build());
        Credit redeemed = update(stored.redeem("bk-1", "staff:testkit", "booked", fx.now()));
        Credit fresh = fx.aCredit(tenant, ana).build();

        duplicate(() -> insert(stored));
        duplicate(() -> tx.run(() -> credits.insertAll(List.of(fresh, stored))));
        duplicate(() -> tx.run(() -> credits.insertAll(List.of(fresh, fresh))));

        assertThat(find(stored)).contains(redeemed);
        assertThat(find(fresh)).isEmpty();
    }

    @Test
    void an_update_is_version_checked_and_raises_the_version() {
        Credit credit = insert(fx.aCredit(tenant, ana).build());

        Credit redeemed = update(credit.redeem("bk-1", "staff:testkit", "booked", fx.now()));
        stale(() -> update(credit.revoke("staff:testkit", "mistake", fx.now())));

        assertThat(redeemed.version()).isEqualTo(1);
        assertThat(redeemed.state()).isEqualTo(CreditState.REDEEMED);
        assertThat(find(credit)).contains(redeemed);
    }

    @Test
    void ledger_lines_are_appended_and_read_per_client_oldest_first() {
        Credit credit = insert(fx.aCredit(tenant, ana).build());
        CreditChange issued = fx.issueLine(credit, "goodwill");
        fx.advance(Duration.ofMinutes(1));
        CreditChange redeemed = new CreditChange(fx.nextId(), tenant, ana, credit.id(),
                Optional.of(CreditState.REDEEMABLE), CreditState.REDEEMED, fx.now(), "staff:testkit", "booked");
        Credit beas = insert(fx.aCredit(tenant, bea).build());
        Credit elsewhere = insert(fx.aCredit(otherTenant, ana).build());

        tx.run(() -> credits.append(issued));
        tx.run(() -> credits.append(fx.issueLine(beas, "goodwill")));
        tx.run(() -> credits.append(redeemed));
        tx.run(() -> credits.append(fx.issueLine(elsewhere, "goodwill")));

        assertThat(read(() -> credits.changes(tenant, ana))).containsExactly(issued, redeemed);
        assertThat(read(() -> credits.changes(tenant, fx.newClientId()))).isEmpty();
    }

    @Test
    void a_client_s_credits_are_listed_newest_issued_first() {
        Credit first = insert(fx.aCredit(tenant, ana).build());
        fx.advance(Duration.ofMinutes(1));
        Credit second = insert(fx.aCredit(tenant, ana).build());
        Credit secondTwin = insert(fx.aCredit(tenant, ana).build());
        fx.advance(Duration.ofMinutes(1));
        Credit third = insert(fx.aCredit(tenant, ana).build());
        insert(fx.aCredit(tenant, bea).build());
        insert(fx.aCredit(otherTenant, ana).build());

        assertThat(read(() -> credits.listForClient(tenant, ana))).containsExactly(third, secondTwin, second, first);
    }

    @Test
    void listings_and_counts_by_state_take_a_redeemable_credit_past_its_expiry_as_expired() {
        Instant start = fx.now();
        Credit lapsed = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(1))).build());
        Credit recorded = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(1))).build());
        Credit open = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofDays(30))).build());
        Credit forever = insert(fx.aCredit(tenant, ana).build());
        Credit used = insert(fx.aCredit(tenant, ana).redeemedFor("bk-1").build());
        Credit withdrawn = update(insert(fx.aCredit(tenant, ana).build())
                .revoke("staff:testkit", "mistake", start));
        insert(fx.aCredit(tenant, bea).build());
        Instant now = fx.advance(Duration.ofHours(2));
        Credit expired = update(recorded.expire("system", now));

        assertThat(read(() -> credits.listForClient(tenant, ana, CreditState.EXPIRED, now)))
                .containsExactlyInAnyOrder(lapsed, expired);
        assertThat(read(() -> credits.listForClient(tenant, ana, CreditState.REDEEMABLE, now)))
                .containsExactlyInAnyOrder(open, forever);
        assertThat(read(() -> credits.listForClient(tenant, ana, CreditState.REDEEMED, now))).containsExactly(used);
        assertThat(read(() -> credits.listForClient(tenant, ana, CreditState.REVOKED, now)))
                .containsExactly(withdrawn);
        assertThat(read(() -> credits.listForClient(tenant, ana, CreditState.REDEEMABLE, start)))
                .containsExactlyInAnyOrder(lapsed, open, forever);
        Map<CreditState, Long> counts = read(() -> credits.countByState(tenant, ana, now));
        assertThat(counts.getOrDefault(CreditState.REDEEMABLE, 0L)).isEqualTo(2);
        assertThat(counts.getOrDefault(CreditState.EXPIRED, 0L)).isEqualTo(2);
        assertThat(counts.getOrDefault(CreditState.REDEEMED, 0L)).isEqualTo(1);
        assertThat(counts.getOrDefault(CreditState.REVOKED, 0L)).isEqualTo(1);
        assertThat(read(() -> credits.countByState(otherTenant, ana, now)).values()).allMatch(n -> n == 0);
    }

    @Test
    void redeemable_credits_come_soonest_expiry_first_then_oldest_issued_then_by_id_up_to_the_limit() {
        Instant start = fx.now();
        Credit foreverOld = insert(fx.aCredit(tenant, ana).build());
        Credit late = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofDays(20))).build());
        fx.advance(Duration.ofMinutes(1));
        Credit soonNew = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofDays(10))).build());
        Credit foreverNew = insert(fx.aCredit(tenant, ana).build());
        Credit soonNewTwin = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofDays(10))).build());
        Credit endsNow = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofDays(1))).build());
        insert(fx.aCredit(tenant, ana).redeemedFor("bk-1").build());
        insert(fx.aCredit(tenant, bea).expiringAt(start.plus(Duration.ofDays(2))).build());
        Instant now = start.plus(Duration.ofDays(1));

        assertThat(read(() -> credits.redeemable(tenant, ana, now, 10)))
                .containsExactly(soonNew, soonNewTwin, late, foreverOld, foreverNew);
        assertThat(read(() -> credits.redeemable(tenant, ana, now, 2))).containsExactly(soonNew, soonNewTwin);
        assertThat(read(() -> credits.redeemable(tenant, ana, now.minusMillis(1), 1))).containsExactly(endsNow);
        assertThat(read(() -> credits.redeemable(otherTenant, ana, now, 10))).isEmpty();
    }

    @Test
    void the_credits_redeemed_for_a_booking_and_the_credits_of_a_source_are_found_in_their_tenant() {
        OrderId order = new OrderId(fx.nextId());
        MembershipId membership = new MembershipId(fx.nextId());
        Credit forBooking = insert(fx.aCredit(tenant, ana).from(CreditSource.order(order)).redeemedFor("bk-7")
                .build());
        Credit fromOrder = insert(fx.aCredit(tenant, ana).from(CreditSource.order(order)).build());
        Credit fromMembership = insert(fx.aCredit(tenant, ana).from(CreditSource.membership(membership))
                .redeemedFor("bk-8").build());
        insert(fx.aCredit(otherTenant, ana).from(CreditSource.order(order)).redeemedFor("bk-7").build());
        Credit reinstated = insert(fx.aCredit(tenant, bea).redeemedFor("bk-7").build());
        update(reinstated.reinstate("staff:testkit", "booking cancelled", fx.now()));

        assertThat(read(() -> credits.redeemedFor(tenant, "bk-7"))).containsExactly(forBooking);
        assertThat(read(() -> credits.redeemedFor(tenant, "bk-9"))).isEmpty();
        assertThat(read(() -> credits.fromSource(tenant, CreditSource.order(order))))
                .containsExactlyInAnyOrder(forBooking, fromOrder);
        assertThat(read(() -> credits.fromSource(tenant, CreditSource.membership(membership))))
                .containsExactly(fromMembership);
    }

    @Test
    void the_expiry_sweep_finds_redeemable_credits_past_their_expiry_in_every_tenant_up_to_the_limit() {
        Instant start = fx.now();
        Credit anas = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(1))).build());
        Credit elsewhere = insert(fx.aCredit(otherTenant, bea).expiringAt(start.plus(Duration.ofHours(1))).build());
        Credit atTheInstant = insert(fx.aCredit(tenant, bea).expiringAt(start.plus(Duration.ofHours(2))).build());
        insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(3))).build());
        insert(fx.aCredit(tenant, ana).build());
        Credit used = insert(fx.aCredit(tenant, ana).expiringAt(start.plus(Duration.ofHours(1))).redeemedFor("bk-1")
                .build());
        Instant now = start.plus(Duration.ofHours(2));

        assertThat(read(() -> credits.dueForExpiry(now, 10))).containsExactlyInAnyOrder(anas, elsewhere,
                atTheInstant);
        assertThat(read(() -> credits.dueForExpiry(now, 2))).hasSize(2).isSubsetOf(anas, elsewhere, atTheInstant);
        assertThat(read(() -> credits.dueForExpiry(now, 10))).doesNotContain(used);
    }

    @Test
    void a_closed_source_is_remembered_in_its_tenant() {
        CreditSource order = CreditSource.order(new OrderId(fx.nextId()));
        CreditSource other = CreditSource.order(new OrderId(fx.nextId()));

        tx.run(() -> credits.closeSource(tenant, order));
        tx.run(() -> credits.closeSource(tenant, order));

        assertThat(read(() -> credits.isSourceClosed(tenant, order))).isTrue();
        assertThat(read(() -> credits.isSourceClosed(tenant, other))).isFalse();
        assertThat(read(() -> credits.isSourceClosed(otherTenant, order))).isFalse();
    }

    @Test
    void erasure_replaces_the_reasons_of_the_client_s_credits_and_ledger_lines_and_keeps_the_rest() {
        Credit credit = insert(fx.aCredit(tenant, ana).because("Ana's birthday, she told us about her knee").build());
        CreditChange line = fx.issueLine(credit, "Ana's birthday, she told us about her knee");
        tx.run(() -> credits.append(line));
        Credit beas = insert(fx.aCredit(tenant, bea).because("Bea's reason").build());
        CreditChange beasLine = fx.issueLine(beas, "Bea's reason");
        tx.run(() -> credits.append(beasLine));
        Credit elsewhere = insert(fx.aCredit(otherTenant, ana).because("Another studio's reason").build());

        tx.run(() -> credits.eraseReasons(tenant, ana));

        Credit erased = find(credit).orElseThrow();
        assertThat(erased.reason()).isEqualTo("[erased]");
        assertThat(erased.withVersion(0)).isEqualTo(new Credit(credit.id(), tenant, ana, credit.source(),
                credit.issuedAt(), credit.expiresAt(), credit.state(), credit.bookingRef(), credit.changedBy(),
                "[erased]", credit.changedAt(), 0));
        assertThat(read(() -> credits.changes(tenant, ana))).containsExactly(new CreditChange(line.id(), tenant, ana,
                credit.id(), line.from(), line.to(), line.at(), line.actor(), "[erased]"));
        assertThat(find(beas)).contains(beas);
        assertThat(read(() -> credits.changes(tenant, bea))).containsExactly(beasLine);
        assertThat(find(elsewhere)).contains(elsewhere);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_credit_no_change_no_line_and_no_closed_source() {
        Credit kept = insert(fx.aCredit(tenant, ana).because("kept reason").build());
        Credit added = fx.aCredit(tenant, ana).build();
        CreditSource order = CreditSource.order(new OrderId(fx.nextId()));

        rolledBack(tx, () -> {
            credits.insertAll(List.of(added));
            credits.update(kept.redeem("bk-1", "staff:testkit", "booked", fx.now()));
            credits.append(fx.issueLine(added, "goodwill"));
            credits.closeSource(tenant, order);
            credits.eraseReasons(tenant, ana);
        });

        assertThat(find(added)).isEmpty();
        assertThat(find(kept)).contains(kept);
        assertThat(read(() -> credits.changes(tenant, ana))).isEmpty();
        assertThat(read(() -> credits.isSourceClosed(tenant, order))).isFalse();
    }
}
