package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.common.OrderId;
import io.clientele.common.TenantId;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the defect "the in-memory credit store scans every credit of every tenant" (the balances,
 * the redemption candidates, a booking's credits, an order's credits and the sweep's due credits
 * were all filters over the whole store): each look-up goes through an index like the SQL index
 * it stands for and never scans, the sweep's bulk expiry changes only credits still due, and the
 * indexes roll back with the credits.
 */
class InMemoryCreditIndexesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final String SWEEP = "system:credit-expiry";

    private final MemoryTransactions tx = new MemoryTransactions();
    private final InMemoryCreditRepository credits = new InMemoryCreditRepository(tx);
    private final ClientId ana = client();
    private final ClientId bob = client();

    @Test
    void every_look_up_reads_through_an_index_and_none_scans_the_store() {
        CreditSource order = CreditSource.order(new OrderId(UUID.randomUUID()));
        List<Credit> anas = insert(TENANT, ana, CreditSource.membership(), 3, Optional.of(NOW.plusSeconds(60)));
        insert(TENANT, ana, order, 2, Optional.empty());
        insert(TENANT, bob, CreditSource.membership(), 4, Optional.of(NOW.minusSeconds(60)));
        insert(OTHER_TENANT, ana, CreditSource.membership(), 5, Optional.of(NOW.minusSeconds(60)));
        Credit redeemed = credits.update(anas.get(0).redeem("bk-1", "staff:owner-1", "booked", NOW));
        credits.append(line(anas.get(0), CreditState.REDEEMED));

        assertThat(credits.countByState(TENANT, ana, NOW))
                .isEqualTo(Map.of(CreditState.REDEEMABLE, 4L, CreditState.REDEEMED, 1L));
        assertThat(credits.countByState(TENANT, bob, NOW)).isEqualTo(Map.of(CreditState.EXPIRED, 4L));
        assertThat(credits.listForClient(TENANT, ana)).hasSize(5);
        assertThat(credits.listForClient(TENANT, bob, CreditState.EXPIRED, NOW)).hasSize(4);
        assertThat(credits.redeemable(TENANT, ana, NOW, 10)).hasSize(4);
        assertThat(credits.redeemedFor(TENANT, "bk-1")).containsExactly(redeemed);
        assertThat(credits.fromSource(TENANT, order)).hasSize(2);
        assertThat(credits.changes(TENANT, ana)).hasSize(1);
        assertThat(credits.dueForExpiry(NOW, 100)).hasSize(9)
                .allSatisfy(c -> assertThat(c.isUnrecordedExpiry(NOW)).isTrue());
        assertThat(credits.scans()).as("scans of the whole store").isZero();
    }

    @Test
    void the_due_credits_come_soonest_expiry_first_and_stop_at_the_limit_and_at_now() {
        List<Credit> later = insert(TENANT, ana, CreditSource.membership(), 2, Optional.of(NOW.minusSeconds(10)));
        List<Credit> sooner = insert(OTHER_TENANT, bob, CreditSource.membership(), 2,
                Optional.of(NOW.minusSeconds(20)));
        insert(TENANT, bob, CreditSource.membership(), 2, Optional.of(NOW.plusSeconds(1)));
        insert(TENANT, bob, CreditSource.membership(), 2, Optional.empty());

        List<CreditId> soonerIds = sooner.stream().map(Credit::id).sorted().toList();
        CreditId firstLater = later.stream().map(Credit::id).sorted().findFirst().orElseThrow();
        assertThat(credits.dueForExpiry(NOW, 3)).extracting(Credit::id)
                .containsExactly(soonerIds.get(0), soonerIds.get(1), firstLater);
        assertThat(credits.dueForExpiry(NOW, 100)).hasSize(4);
        assertThat(credits.dueForExpiry(NOW.plusSeconds(1), 100)).as("an expiry at now is due").hasSize(6);
    }

    @Test
    void the_bulk_expiry_changes_only_the_credits_still_due_and_leaves_them_out_of_the_due_index() {
        List<Credit> due = insert(TENANT, ana, CreditSource.membership(), 3, Optional.of(NOW.minusSeconds(10)));
        Credit notYet = insert(TENANT, ana, CreditSource.membership(), 1, Optional.of(NOW.plusSeconds(10))).get(0);
        Credit theirs = insert(OTHER_TENANT, ana, CreditSource.membership(), 1, Optional.of(NOW.minusSeconds(10)))
                .get(0);
        // recorded as expired by staff after the sweep read it
        credits.update(due.get(0).expire("staff:owner-1", NOW));
        List<CreditId> asked = new ArrayList<>(List.of(due.get(2).id(), due.get(1).id(), due.get(0).id(),
                notYet.id(), theirs.id(), new CreditId(UUID.randomUUID()), due.get(1).id()));

        List<Credit> expired = credits.expireDue(TENANT, asked, NOW, SWEEP);

        assertThat(expired).extracting(Credit::id)
                .containsExactlyElementsOf(List.of(due.get(1).id(), due.get(2).id()).stream().sorted().toList());
        assertThat(expired).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(CreditState.EXPIRED);
            assertThat(c.changedBy()).isEqualTo(SWEEP);
            assertThat(c.changedAt()).isEqualTo(NOW);
            assertThat(c.reason()).isEqualTo("expired");
            assertThat(c.version()).isEqualTo(1);
        });
        assertThat(credits.find(TENANT, due.get(0).id()).orElseThrow().changedBy()).isEqualTo("staff:owner-1");
        assertThat(credits.find(TENANT, notYet.id()).orElseThrow().state()).isEqualTo(CreditState.REDEEMABLE);
        assertThat(credits.find(OTHER_TENANT, theirs.id()).orElseThrow().state()).isEqualTo(CreditState.REDEEMABLE);
        assertThat(credits.dueForExpiry(NOW, 100)).extracting(Credit::id).containsExactly(theirs.id());
        assertThat(credits.expireDue(TENANT, asked, NOW, SWEEP)).as("a second call").isEmpty();
    }

    @Test
    void a_rolled_back_unit_takes_its_credits_expiries_and_ledger_lines_out_of_every_index() {
        Credit kept = insert(TENANT, ana, CreditSource.membership(), 1, Optional.of(NOW.minusSeconds(10))).get(0);
        credits.append(line(kept, CreditState.REDEEMABLE));

        assertThatThrownBy(() -> tx.run(() -> {
            Credit added = Credit.issue(new CreditId(UUID.randomUUID()), TENANT, ana, CreditSource.membership(), NOW,
                    NOW.minusSeconds(5), "staff:owner-1", "gift");
            credits.insertAll(List.of(added));
            credits.expireDue(TENANT, List.of(kept.id(), added.id()), NOW, SWEEP);
            credits.appendAll(List.of(line(kept, CreditState.EXPIRED), line(added, CreditState.EXPIRED)));
            throw new IllegalStateException("the unit of work fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(credits.dueForExpiry(NOW, 100)).extracting(Credit::id).containsExactly(kept.id());
        assertThat(credits.countByState(TENANT, ana, NOW)).isEqualTo(Map.of(CreditState.EXPIRED, 1L));
        assertThat(credits.listForClient(TENANT, ana)).extracting(Credit::id).containsExactly(kept.id());
        assertThat(credits.changes(TENANT, ana)).extracting(CreditChange::to).containsExactly(CreditState.REDEEMABLE);
    }

    @Test
    void erasure_rewrites_the_reasons_of_the_clients_ledger_only() {
        Credit anas = insert(TENANT, ana, CreditSource.membership(), 1, Optional.empty()).get(0);
        Credit bobs = insert(TENANT, bob, CreditSource.membership(), 1, Optional.empty()).get(0);
        credits.appendAll(List.of(line(anas, CreditState.REDEEMABLE), line(bobs, CreditState.REDEEMABLE)));

        credits.eraseReasons(TENANT, ana);

        assertThat(credits.changes(TENANT, ana)).extracting(CreditChange::reason).containsExactly("[erased]");
        assertThat(credits.changes(TENANT, bob)).extracting(CreditChange::reason).containsExactly("gift");
        assertThat(credits.find(TENANT, anas.id()).orElseThrow().reason()).isEqualTo("[erased]");
        assertThat(credits.find(TENANT, bobs.id()).orElseThrow().reason()).isEqualTo("gift");
    }

    private List<Credit> insert(TenantId tenant, ClientId client, CreditSource source, int count,
            Optional<Instant> expiresAt) {
        List<Credit> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CreditId id = new CreditId(UUID.randomUUID());
            Instant issued = NOW.minus(Duration.ofDays(1));
            made.add(expiresAt.map(at -> Credit.issue(id, tenant, client, source, issued, at, "staff:owner-1", "gift"))
                    .orElseGet(() -> Credit.issue(id, tenant, client, source, issued, "staff:owner-1", "gift")));
        }
        credits.insertAll(made);
        return made;
    }

    private static CreditChange line(Credit credit, CreditState to) {
        return new CreditChange(UUID.randomUUID(), credit.tenantId(), credit.clientId(), credit.id(),
                Optional.empty(), to, NOW, "staff:owner-1", "gift");
    }

    private static ClientId client() {
        return new ClientId(UUID.randomUUID());
    }
}
