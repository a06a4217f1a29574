package io.clientele.membership;

import static io.clientele.membership.MembershipKit.startOf;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import io.clientele.client.model.Client;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.MembershipEraser;

import io.clientele.membership.service.MembershipIssuanceJob;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The issuance job of issue 4: each period of each membership is issued exactly once, with the
 * expiry of its period, however often the job runs, whatever the clock does between runs, and when
 * two runs race; paused, cancelled and ended memberships get nothing for the periods they were not
 * active in.
 */
class RecurringIssuanceTest {

    private final MembershipKit kit = new MembershipKit();
    private final MembershipService service = kit.service;
    private final MembershipTypeService catalog = kit.catalog;
    private final MembershipIssuanceJob job = kit.job;
    private final LocalDate day0 = kit.today();

    /**
     * A membership and, computed here independently of the production code, the first day of each
     * of its periods and the day its credits of that period expire.
     */
    private record Tracked(Membership membership, int perPeriod, LongFunction<LocalDate> periodStart,
            Function<LocalDate, Optional<LocalDate>> expiry) {
    }

    @Test
    void recurring_issuance_run_repeatedly_across_clock_jumps_issues_exactly_one_credit_set_per_period() {
        long seed = ThreadLocalRandom.current().nextLong();
        Random random = new Random(seed);
        List<Tracked> tracked = variedMemberships();

        // a big jump forward and a step back first, then irregular steps
        List<Duration> steps = new ArrayList<>(List.of(Duration.ZERO, Duration.ofDays(120), Duration.ofDays(-45),
                Duration.ofHours(1), Duration.ofDays(400), Duration.ofDays(-400)));
        for (int i = 0; i < 60; i++) {
            steps.add(randomStep(random));
        }
        LocalDate latest = kit.today();
        int runs = 0;
        int issued = 0;
        for (int step = 0; step < steps.size(); step++) {
            kit.t.clock.advance(steps.get(step));
            int times = 1 + random.nextInt(3);
            for (int i = 0; i < times; i++) {
                issued += job.issueDueCredits().credits();
                runs++;
            }
            latest = max(latest, kit.today());
            assertOneSetPerStartedPeriod(tracked, latest, "seed " + seed + ", step " + step + ", day " + kit.today());
        }
        int held = tracked.stream().mapToInt(m -> kit.credits(m.membership()).size()).sum();
        assertThat(issued).as("credits the runs reported, seed " + seed).isEqualTo(held);
        System.out.println("RESULT name=membership-issuance seed=" + seed + " runs=" + runs + " credits=" + held
                + " last_day=" + latest + " duplicates=0");
    }

    @Test
    void two_job_runs_started_together_still_issue_once_per_period() throws Exception {
        MembershipType weekly = kit.type(TENANT, "Weekly", RecurringCreditRule.of(3, CreditPeriod.WEEKLY,
                Period.ofDays(14)));
        List<Tracked> tracked = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LocalDate start = day0.minusDays(i * 3L);
            Membership m = kit.add(kit.client("Racer " + (char) ('A' + i % 26) + (char) ('a' + i / 26)), weekly, start);
            tracked.add(new Tracked(m, 3, n -> start.plusWeeks(n), d -> Optional.of(d.plusDays(14))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int reported = 0;
        try {
            for (int round = 0; round < 8; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> runs = new ArrayList<>();
                for (int thread = 0; thread < 2; thread++) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return job.issueDueCredits().credits();
                    }));
                }
                go.countDown();
                for (Future<Integer> run : runs) {
                    reported += run.get(30, TimeUnit.SECONDS);
                }
                assertOneSetPerStartedPeriod(tracked, kit.today(), "round " + round);
                kit.t.clock.advance(Duration.ofDays(round % 2 == 0 ? 9 : 16).plusHours(round));
            }
        } finally {
            pool.shutdownNow();
        }
        int held = tracked.stream().mapToInt(m -> kit.credits(m.membership()).size()).sum();
        assertThat(reported).isEqualTo(held);
        assertThat(kit.t.memory.events().events(MembershipEvents.MembershipCreditsIssued.class))
                .hasSize(held / 3);
    }

    @Test
    void a_job_that_did_not_run_for_months_issues_each_missed_period_once_with_its_own_expiry() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);

        kit.t.clock.advance(Duration.ofDays(95));
        int issued = job.issueDueCredits().credits();

        assertThat(issued).isEqualTo(4 * 8);
        Map<Optional<Instant>, Long> byExpiry = kit.credits(m).stream()
                .collect(Collectors.groupingBy(Credit::expiresAt, Collectors.counting()));
        assertThat(byExpiry).containsOnly(
                Map.entry(Optional.of(startOf(LocalDate.of(2026, 4, 2))), 8L),
                Map.entry(Optional.of(startOf(LocalDate.of(2026, 5, 2))), 8L),
                Map.entry(Optional.of(startOf(LocalDate.of(2026, 6, 2))), 8L),
                Map.entry(Optional.of(startOf(LocalDate.of(2026, 7, 2))), 8L));
        // a late issue never extends validity: the past periods' credits cannot be redeemed
        assertThat(kit.t.<List<Credit>>read(
                s -> s.credits().redeemable(TENANT, m.clientId(), kit.t.clock.instant(), 100)))
                .hasSize(8);
        assertThat(kit.claimed(m)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(job.issueDueCredits().credits()).isZero();
    }

    @Test
    void a_clock_moved_backwards_issues_nothing_new_and_nothing_twice() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);
        kit.t.clock.advance(Duration.ofDays(40));
        assertThat(job.issueDueCredits().credits()).isEqualTo(16);

        kit.t.clock.advance(Duration.ofDays(-60));
        assertThat(job.issueDueCredits().credits()).isZero();
        kit.t.clock.advance(Duration.ofDays(55));
        assertThat(job.issueDueCredits().credits()).isZero();
        kit.t.clock.advance(Duration.ofDays(30));
        assertThat(job.issueDueCredits().credits()).isEqualTo(8);

        assertThat(kit.claimed(m)).containsExactly(0L, 1L, 2L);
        assertThat(kit.credits(m)).hasSize(24);
    }

    @Test
    void periods_of_a_membership_starting_on_the_31st_follow_the_end_of_shorter_months() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), LocalDate.of(2026, 1, 31));
        kit.setDay(LocalDate.of(2026, 3, 31));

        job.issueDueCredits();

        assertThat(kit.credits(m).stream().map(c -> c.expiresAt().orElseThrow()).distinct().sorted())
                .containsExactly(startOf(LocalDate.of(2026, 2, 28)), startOf(LocalDate.of(2026, 3, 28)),
                        startOf(LocalDate.of(2026, 4, 30)));
    }

    @Test
    void a_failure_while_issuing_rolls_back_the_claims_and_credits_of_that_membership_only() {
        Membership failing = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);
        Membership fine = kit.add(kit.client("Bo"), kit.monthly("Monthly 4", 4), day0);
        kit.t.clock.advance(Duration.ofDays(40));
        kit.failOn.set(e -> e instanceof MembershipEvents.MembershipCreditsIssued issued
                && issued.membershipId().equals(failing.id()) && issued.periodIndex() == 1);

        assertThat(job.issueDueCredits().credits()).isEqualTo(8);

        assertThat(kit.credits(failing)).isEmpty();
        assertThat(kit.claimed(failing)).isEmpty();
        assertThat(kit.reload(failing).nextPeriod()).isZero();
        assertThat(kit.credits(fine)).hasSize(8);

        kit.failOn.set(e -> false);
        assertThat(job.issueDueCredits().credits()).isEqualTo(16);
        assertThat(kit.credits(failing)).hasSize(16);
        assertThat(kit.claimed(failing)).containsExactly(0L, 1L);
    }

    @Test
    void the_issuance_log_refuses_a_period_again_even_when_the_membership_was_rewound() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);
        kit.t.clock.advance(Duration.ofDays(70));
        assertThat(job.issueDueCredits().credits()).isEqualTo(24);

        // a stale copy of the membership written back (for example a restore) points at period 0 again
        Membership stored = kit.reload(m);
        kit.t.stores.transactions().run(() -> kit.memberships.update(new Membership(stored.id(), stored.tenantId(),
                stored.clientId(), stored.typeId(), stored.rule(), stored.startDate(), stored.endDate(), stored.status(),
                0, stored.createdAt(), stored.changedBy(), stored.changedAt(), stored.version())));

        assertThat(job.issueDueCredits().credits()).isZero();
        assertThat(kit.credits(m)).hasSize(24);
        assertThat(kit.reload(m).nextPeriod()).isEqualTo(3);
    }

    @Test
    void periods_starting_while_paused_issue_nothing_and_the_day_of_resuming_counts() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);
        job.issueDueCredits();
        kit.setDay(LocalDate.of(2026, 3, 20));
        service.pause(OWNER, TENANT, m.id(), kit.version(m.id()));

        kit.setDay(LocalDate.of(2026, 6, 2));
        assertThat(job.issueDueCredits().credits()).isZero();
        Membership resumed = service.resume(OWNER, TENANT, m.id(), kit.version(m.id()));
        assertThat(resumed.status()).isEqualTo(MembershipStatus.ACTIVE);
        job.issueDueCredits();
        kit.setDay(LocalDate.of(2026, 7, 10));
        job.issueDueCredits();

        // periods 1 (2 April) and 2 (2 May) started while paused; 3 started on the day of resuming
        assertThat(kit.claimed(m)).containsExactly(0L, 3L, 4L);
        assertThat(kit.credits(m)).hasSize(24);
    }

    @Test
    void a_period_starting_after_the_day_of_resuming_is_the_first_one_issued() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);
        kit.setDay(LocalDate.of(2026, 3, 10));
        service.pause(OWNER, TENANT, m.id(), kit.version(m.id()));
        kit.setDay(LocalDate.of(2026, 4, 3));
        service.resume(OWNER, TENANT, m.id(), kit.version(m.id()));
        kit.setDay(LocalDate.of(2026, 5, 2));

        job.issueDueCredits();

        assertThat(kit.claimed(m)).containsExactly(0L, 2L);
    }

    @Test
    void pausing_first_issues_the_periods_that_started_while_active() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);
        kit.setDay(LocalDate.of(2026, 4, 5));

        Membership paused = service.pause(OWNER, TENANT, m.id(), kit.version(m.id()));

        assertThat(paused.status()).isEqualTo(MembershipStatus.PAUSED);
        assertThat(kit.claimed(m)).containsExactly(0L, 1L);
        assertThat(kit.credits(m)).hasSize(16).allMatch(c -> c.state() == CreditState.REDEEMABLE);
        kit.setDay(LocalDate.of(2027, 1, 1));
        assertThat(job.issueDueCredits().credits()).isZero();
    }

    @Test
    void a_cancelled_membership_gets_the_periods_started_before_and_nothing_after() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);
        kit.setDay(LocalDate.of(2026, 4, 11));

        Membership cancelled = service.cancel(OWNER, TENANT, m.id(), kit.version(m.id()));

        assertThat(cancelled.status()).isEqualTo(MembershipStatus.CANCELLED);
        assertThat(kit.credits(m)).hasSize(16);
        kit.setDay(LocalDate.of(2027, 2, 1));
        assertThat(job.issueDueCredits().credits()).isZero();
        assertThat(kit.credits(m)).hasSize(16);
    }

    @Test
    void the_job_issues_the_periods_up_to_the_end_date_then_ends_the_membership() {
        Client ana = kit.client("Ana");
        MembershipType monthly = kit.monthly("Monthly 8", 8);
        Membership m = service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), day0, LocalDate.of(2026, 5, 1));
        kit.setDay(LocalDate.of(2026, 5, 1));
        job.issueDueCredits();
        assertThat(kit.reload(m).status()).isEqualTo(MembershipStatus.ACTIVE);

        kit.setDay(LocalDate.of(2026, 9, 1));
        job.issueDueCredits();

        assertThat(kit.reload(m).status()).isEqualTo(MembershipStatus.ENDED);
        assertThat(kit.claimed(m)).containsExactly(0L, 1L);
        assertThat(kit.t.memory.events().events(MembershipEvents.MembershipStatusChanged.class))
                .extracting(MembershipEvents.MembershipStatusChanged::to).containsExactly(MembershipStatus.ENDED);
    }

    @Test
    void a_paused_membership_past_its_end_date_ends_without_credits() {
        Client ana = kit.client("Ana");
        Membership m = service.addMembership(OWNER, TENANT, ana.id(), kit.monthly("Monthly 8", 8).id(),
                day0.plusDays(5), day0.plusDays(60));
        service.pause(OWNER, TENANT, m.id(), kit.version(m.id()));
        kit.setDay(day0.plusDays(61));

        assertThat(job.issueDueCredits().credits()).isZero();

        assertThat(kit.reload(m).status()).isEqualTo(MembershipStatus.ENDED);
        assertThat(kit.credits(m)).isEmpty();
    }

    @Test
    void disabling_a_type_does_not_stop_its_running_memberships() {
        MembershipType monthly = kit.monthly("Monthly 8", 8);
        Membership m = kit.add(kit.client("Ana"), monthly, day0);
        catalog.disableType(OWNER, TENANT, monthly.id());
        kit.t.clock.advance(Duration.ofDays(35));

        assertThat(job.issueDueCredits().credits()).isEqualTo(16);
        assertThat(kit.credits(m)).hasSize(16);
    }

    @Test
    void an_erased_clients_memberships_are_cancelled_and_issue_nothing_more() {
        Client ana = kit.client("Ana");
        Membership m = kit.add(ana, kit.monthly("Monthly 8", 8), day0);
        job.issueDueCredits();

        kit.t.clientele.erasure().erase(OWNER, TENANT, ana.id());
        kit.t.stores.transactions().run(() -> kit.eraser.erase(TENANT, ana.id()));
        kit.t.clock.advance(Duration.ofDays(100));

        assertThat(job.issueDueCredits().credits()).isZero();
        assertThat(kit.reload(m).status()).isEqualTo(MembershipStatus.CANCELLED);
        assertThat(kit.reload(m).changedBy()).isEqualTo(MembershipEraser.ERASURE_ACTOR.describe());
        assertThat(kit.credits(m)).hasSize(8);
    }

    @Test
    void issued_credits_come_from_the_membership_and_are_issued_by_the_job() {
        Membership m = kit.add(kit.client("Ana"), kit.monthly("Monthly 8", 8), day0);

        job.issueDueCredits();

        assertThat(kit.credits(m)).hasSize(8).allSatisfy(c -> {
            assertThat(c.clientId()).isEqualTo(m.clientId());
            assertThat(c.source().membershipId()).contains(m.id());
            assertThat(c.changedBy()).isEqualTo("system:membership-credits");
            assertThat(c.issuedAt()).isEqualTo(kit.t.clock.instant());
        });
    }

    // ---- scenario ----

    /** Memberships of every period, with and without expiry, backdated, future, at month end, in two tenants. */
    private List<Tracked> variedMemberships() {
        MembershipType weekly = kit.type(TENANT, "Weekly 2", RecurringCreditRule.of(2, CreditPeriod.WEEKLY,
                Period.ofDays(10)));
        MembershipType monthly = kit.monthly("Monthly 8", 8);
        MembershipType yearly = kit.type(TENANT, "Yearly 5", RecurringCreditRule.withoutExpiry(5,
                CreditPeriod.YEARLY));
        MembershipType otherWeekly = kit.type(OTHER_TENANT, "Weekly 1", RecurringCreditRule.of(1,
                CreditPeriod.WEEKLY, Period.ofMonths(1)));
        List<Tracked> tracked = new ArrayList<>();
        LocalDate anaStart = day0;
        tracked.add(new Tracked(kit.add(kit.client("Ana"), weekly, anaStart), 2,
                n -> anaStart.plusWeeks(n), d -> Optional.of(d.plusDays(10))));
        LocalDate boStart = LocalDate.of(2026, 1, 31);
        tracked.add(new Tracked(kit.add(kit.client("Bo"), monthly, boStart), 8,
                n -> boStart.plusMonths(n), d -> Optional.of(d.plusMonths(1))));
        LocalDate cyStart = day0.minusDays(200);
        tracked.add(new Tracked(kit.add(kit.client("Cy"), yearly, cyStart), 5,
                n -> cyStart.plusYears(n), d -> Optional.empty()));
        LocalDate diStart = day0.plusDays(20);
        tracked.add(new Tracked(kit.add(kit.client("Di"), monthly, diStart), 8,
                n -> diStart.plusMonths(n), d -> Optional.of(d.plusMonths(1))));
        LocalDate eveStart = day0.minusDays(10);
        tracked.add(new Tracked(kit.add(kit.client(OTHER_TENANT, "Eve"), otherWeekly, eveStart), 1,
                n -> eveStart.plusWeeks(n), d -> Optional.of(d.plusMonths(1))));
        return tracked;
    }

    /** Minutes, hours, days, months forward, or weeks back. */
    private static Duration randomStep(Random random) {
        int kind = random.nextInt(10);
        if (kind < 3) {
            return Duration.ofMinutes(1 + random.nextInt(600));
        } else if (kind < 6) {
            return Duration.ofDays(1 + random.nextInt(9)).plusHours(random.nextInt(24));
        } else if (kind < 8) {
            return Duration.ofDays(30 + random.nextInt(170));
        } else if (kind < 9) {
            return Duration.ofDays(-(1 + random.nextInt(40)));
        }
        return Duration.ZERO;
    }

    /**
     * Every tracked membership holds exactly one set of credits for each period started by {@code
     * latest} (the latest day any run saw), each set with its period's expiry, and no more.
     */
    private void assertOneSetPerStartedPeriod(List<Tracked> tracked, LocalDate latest, String when) {
        for (Tracked m : tracked) {
            long started = 0;
            while (!m.periodStart().apply(started).isAfter(latest)) {
                started++;
            }
            Map<Optional<Instant>, Long> expected = LongStream.range(0, started).boxed()
                    .collect(Collectors.groupingBy(
                            n -> m.expiry().apply(m.periodStart().apply(n)).map(MembershipKit::startOf),
                            Collectors.summingLong(n -> m.perPeriod())));
            List<Credit> credits = kit.credits(m.membership());
            String what = when + ", membership starting " + m.membership().startDate();
            assertThat(credits).as(what).hasSize((int) (started * m.perPeriod()));
            assertThat(credits.stream().collect(Collectors.groupingBy(Credit::expiresAt, Collectors.counting())))
                    .as(what).isEqualTo(expected);
            assertThat(kit.claimed(m.membership())).as(what)
                    .isEqualTo(LongStream.range(0, started).boxed().toList());
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
