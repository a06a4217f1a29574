package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.Clientele;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.service.CreditIssue;
import io.clientele.testing.Latches;
import io.clientele.testing.MutableClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression for "a rolled-back erasure deletes other clients' committed credit-ledger lines": the
 * in-memory append-only lists undid a rewrite by restoring a snapshot of the whole list, and an
 * append by searching positions that a concurrent removal could shift. On interleaved units of
 * work (no isolation, as at READ COMMITTED) a rollback must undo its own writes and nothing else.
 */
class RollbackListInterleavingTest {

    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void a_rolled_back_erasure_no_longer_deletes_other_clients_committed_ledger_lines() throws Exception {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2, tx);
        CountDownLatch erasureRewroteTheLedger = new CountDownLatch(1);
        CountDownLatch otherUnitCommitted = new CountDownLatch(1);
        Clientele c = memory.installInto(Clientele.builder()).clock(MutableClock.standard()).invitations(INVITATIONS)
                // runs after Clientele's own participants, so the ledger is rewritten by then
                .erasureParticipant((tenant, client) -> {
                    erasureRewroteTheLedger.countDown();
                    await(otherUnitCommitted);
                    throw new IllegalStateException("the host's booking store is down");
                }).build();
        Client ana = c.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López"));
        Client bob = c.clients().create(OWNER, TENANT, ClientDetails.named("Bob", "Martin"));
        c.credits().issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(2, "Ana López, birthday gift"));
        List<CreditChange> anaBefore = c.credits().ledger(OWNER, TENANT, ana.id());

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> erasure = pool.submit(() -> catchThrowable(() -> c.erasure().erase(OWNER, TENANT,
                    ana.id())));
            await(erasureRewroteTheLedger);
            assertThat(memory.credits().changes(TENANT, ana.id())).as("the erasure's rewrite, not committed yet")
                    .noneMatch(line -> line.reason().contains("Ana"));
            c.credits().issueMembershipCredits(OWNER, TENANT, bob.id(),
                CreditIssue.of(3, "welcome pack"));
            List<CreditChange> bobCommitted = c.credits().ledger(OWNER, TENANT, bob.id());
            otherUnitCommitted.countDown();

            assertThat(erasure.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the erasure rolled back")
                    .hasMessageContaining("booking store");
            assertThat(c.credits().ledger(OWNER, TENANT, bob.id())).as("Bob's committed ledger lines")
                    .hasSize(3).isEqualTo(bobCommitted);
            assertThat(c.credits().ledger(OWNER, TENANT, ana.id())).as("Ana's lines, as before the erasure")
                    .isEqualTo(anaBefore);
            assertThat(c.clients().get(OWNER, TENANT, ana.id()).erased()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_rollback_removes_its_own_item_and_not_an_equal_one_another_unit_committed() throws Exception {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        RollbackList<String> list = new RollbackList<>(tx);
        String mine = new String("ClientUpdated ana");
        String theirs = new String("ClientUpdated ana");
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> rolledBack = pool.submit(() -> catchThrowable(() -> tx.run(() -> {
                list.add(mine);
                appended.countDown();
                await(otherCommitted);
                throw new IllegalStateException("rolled back");
            })));
            await(appended);
            tx.run(() -> list.add(theirs));
            otherCommitted.countDown();
            assertThat(rolledBack.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).hasMessage("rolled back");
        } finally {
            pool.shutdownNow();
        }

        assertThat(list.snapshot()).hasSize(1);
        assertThat(list.snapshot().get(0)).as("the committed item").isSameAs(theirs);
    }

    @Test
    void a_rolled_back_rewrite_restores_only_the_items_it_rewrote() throws Exception {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        RollbackList<String> list = new RollbackList<>(tx);
        tx.run(() -> {
            list.add("ana: gift");
            list.add("bob: gift");
        });
        CountDownLatch rewritten = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> rolledBack = pool.submit(() -> catchThrowable(() -> tx.run(() -> {
                list.replaceAll(item -> item.startsWith("ana") ? "ana: (erased)" : item);
                rewritten.countDown();
                await(otherCommitted);
                throw new IllegalStateException("rolled back");
            })));
            await(rewritten);
            tx.run(() -> {
                list.add("bob: welcome");
                list.replaceAll(item -> item.equals("bob: gift") ? "bob: (erased)" : item);
            });
            otherCommitted.countDown();
            assertThat(rolledBack.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).hasMessage("rolled back");
        } finally {
            pool.shutdownNow();
        }

        assertThat(list.snapshot()).containsExactly("ana: gift", "bob: (erased)", "bob: welcome");
    }

    @Test
    void rollbacks_racing_appends_and_other_rollbacks_leave_exactly_the_committed_items() throws Exception {
        MemoryTransactions tx = MemoryTransactions.interleaved();
        RollbackList<Object> list = new RollbackList<>(tx);
        int threads = 4;
        int unitsPerThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Object> committed = Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    await(start);
                    for (int i = 0; i < unitsPerThread; i++) {
                        Object first = new Object();
                        Object second = new Object();
                        boolean rollBack = i % 2 == 0;
                        Throwable thrown = catchThrowable(() -> tx.run(() -> {
                            list.add(first);
                            list.add(second);
                            if (rollBack) {
                                throw new IllegalStateException("rolled back");
                            }
                        }));
                        if (thrown == null) {
                            committed.add(first);
                            committed.add(second);
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Object> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(list.snapshot());
        Set<Object> expected = Collections.newSetFromMap(new IdentityHashMap<>());
        expected.addAll(committed);
        assertThat(list.snapshot()).hasSize(threads * unitsPerThread);
        assertThat(kept).as("the committed items, by identity").isEqualTo(expected);
    }

    private static void await(CountDownLatch latch) {
        Latches.await(latch, "timed out");
    }
}
