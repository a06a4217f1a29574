package io.clientele.credit;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.common.PageRequest;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditId;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.model.RedeemResult;
import io.clientele.credit.service.CreditService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Many bookings redeem against one client's credits at the same moment: each credit pays for
 * exactly one booking, and every credit is used while any is left.
 */
class ConcurrentRedeemTest {

    private static final int THREADS = 20;
    private static final int CREDITS = 10;

    @Test
    @Tag("in-memory")
    void twenty_simultaneous_redemptions_of_ten_credits_succeed_ten_times_and_never_spend_a_credit_twice()
            throws Exception {
        CreditKit kit = new CreditKit();
        Client ana = kit.client("Ana");
        kit.issue(ana, CREDITS);
        // Units of work that do not serialize (as on a database): only the version check protects
        // the credits. Each thread's first write waits until all 20 have read their candidate, so
        // all 20 go for the same credit and 19 of them must lose the race and move on.
        CyclicBarrier everyoneHasRead = new CyclicBarrier(THREADS);
        ThreadLocal<Boolean> waited = ThreadLocal.withInitial(() -> false);
        InterceptingCreditRepository racing = new InterceptingCreditRepository(kit.t.memory.credits(), about -> {
            if (!waited.get()) {
                waited.set(true);
                awaitQuietly(everyoneHasRead);
            }
        });
        CreditService service = kit.service(new NoIsolation(), racing);

        List<RedeemResult> results = redeemAllAtOnce(service, ana);

        List<Credit> winners = results.stream().filter(RedeemResult.Redeemed.class::isInstance)
                .map(r -> ((RedeemResult.Redeemed) r).credit()).toList();
        List<CreditChange> redemptions = kit.credits.ledger(OWNER, TENANT, ana.id()).stream()
                .filter(l -> l.to() == CreditState.REDEEMED).toList();
        long distinctRedeemed = redemptions.stream().map(CreditChange::creditId).distinct().count();
        long doubleSpent = (redemptions.size() - distinctRedeemed)
                + (winners.size() - winners.stream().map(Credit::id).distinct().count());
        int lostRaces = racing.updates() - winners.size();
        System.out.println("RESULT name=concurrent-redeem attempts=" + THREADS + " succeeded=" + winners.size()
                + " double_spent=" + doubleSpent);
        System.out.println("concurrent-redeem: stale_version_conflicts_retried=" + lostRaces);

        assertThat(winners).hasSize(CREDITS);
        assertThat(doubleSpent).isZero();
        assertThat(results).filteredOn(RedeemResult.NoCreditAvailable.class::isInstance).hasSize(THREADS - CREDITS);
        assertThat(lostRaces).as("the race really happened").isGreaterThanOrEqualTo(THREADS - 1);
        List<Credit> stored = kit.credits.list(OWNER, TENANT, ana.id(), PageRequest.first()).items();
        assertThat(stored).allSatisfy(c -> assertThat(c.state()).isEqualTo(CreditState.REDEEMED));
        assertThat(stored.stream().map(c -> c.bookingRef().orElseThrow()).collect(Collectors.toSet()))
                .isEqualTo(winners.stream().map(c -> c.bookingRef().orElseThrow()).collect(Collectors.toSet()))
                .hasSize(CREDITS);
        assertThat(redemptions).hasSize(CREDITS);
    }

    @Test
    void simultaneous_redemptions_through_serialized_units_of_work_also_spend_each_credit_once() throws Exception {
        CreditKit kit = new CreditKit();
        Client ana = kit.client("Ana");
        kit.issue(ana, CREDITS);

        List<RedeemResult> results = redeemAllAtOnce(kit.credits, ana);

        Set<CreditId> spent = results.stream().filter(RedeemResult.Redeemed.class::isInstance)
                .map(r -> ((RedeemResult.Redeemed) r).credit().id()).collect(Collectors.toSet());
        assertThat(results).filteredOn(RedeemResult.Redeemed.class::isInstance).hasSize(CREDITS);
        assertThat(spent).hasSize(CREDITS);
        assertThat(kit.credits.balances(OWNER, TENANT, ana.id())).containsEntry(CreditState.REDEEMED, (long) CREDITS)
                .containsEntry(CreditState.REDEEMABLE, 0L);
    }

    /** {@value #THREADS} threads released together by one latch, each redeeming for its own booking. */
    private static List<RedeemResult> redeemAllAtOnce(CreditService service, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RedeemResult>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String booking = "booking-" + i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return service.redeem(BOOKING_FLOW, TENANT, client.id(), booking);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("all threads started").isTrue();
            go.countDown();
            List<RedeemResult> results = new ArrayList<>();
            for (Future<RedeemResult> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the threads did not all reach their first write", e);
        }
    }
}
