package io.clientele.membership;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ConflictException;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of periods and of the membership state machine: period numbering is consistent with
 * period starts, and any sequence of staff commands, job runs and days passing issues exactly the
 * periods on whose first day the membership was active, once each, accepting only legal
 * transitions.
 */
class MembershipPropertiesTest {

    @Property
    void a_date_falls_in_the_period_whose_start_is_the_latest_on_or_before_it(@ForAll CreditPeriod period,
            @ForAll("dates") LocalDate first, @ForAll @IntRange(min = -400, max = 4000) int offset) {
        LocalDate date = first.plusDays(offset);

        long index = period.indexOn(first, date);

        if (date.isBefore(first)) {
            assertThat(index).isEqualTo(-1);
        } else {
            assertThat(period.start(first, index)).isBeforeOrEqualTo(date);
            assertThat(period.start(first, index + 1)).isAfter(date);
        }
    }

    @Property
    void period_starts_strictly_increase(@ForAll CreditPeriod period, @ForAll("dates") LocalDate first,
            @ForAll @IntRange(min = 0, max = 600) int index) {
        assertThat(period.start(first, index + 1L)).isAfter(period.start(first, index));
        assertThat(period.indexOn(first, period.start(first, index))).isEqualTo(index);
    }

    /** A staff command, a job run, or days passing. */
    enum Kind { PAUSE, RESUME, CANCEL, RUN_JOB, DAYS_PASS }

    record Step(Kind kind, int days) {
    }

    @Property(tries = 150)
    void any_sequence_issues_once_each_period_whose_first_day_found_the_membership_active(
            @ForAll CreditPeriod period, @ForAll @IntRange(min = -40, max = 40) int startOffset,
            @ForAll("endOffsets") Optional<Integer> endOffset, @ForAll("steps") List<Step> steps) {
        MembershipKit kit = new MembershipKit();
        MembershipType type = kit.type(TENANT, "Property", RecurringCreditRule.of(2, period, Period.ofDays(30)));
        LocalDate start = kit.today().plusDays(startOffset);
        Optional<LocalDate> end = endOffset.map(start::plusDays);
        Membership m = end.isPresent()
                ? kit.service.addMembership(OWNER, TENANT, kit.client("Ana").id(), type.id(), start, end.get())
                : kit.service.addMembership(OWNER, TENANT, kit.client("Ana").id(), type.id(), start);

        // the oracle: the status in the store, and the days on which the membership was active at some moment
        MembershipStatus status = MembershipStatus.ACTIVE;
        LocalDate day = kit.today();
        Set<LocalDate> activeDays = new HashSet<>(Set.of(day));
        // a backdated membership counts as active since its start date
        if (start.isBefore(day)) {
            start.datesUntil(day).forEach(activeDays::add);
        }
        for (Step step : steps) {
            switch (step.kind()) {
                case DAYS_PASS -> {
                    for (int i = 0; i < step.days(); i++) {
                        day = day.plusDays(1);
                        if (status == MembershipStatus.ACTIVE) {
                            activeDays.add(day);
                        }
                    }
                    kit.setDay(day);
                }
                case RUN_JOB -> {
                    kit.job.issueDueCredits();
                    if (status.isRunning() && end.isPresent() && day.isAfter(end.get())) {
                        status = MembershipStatus.ENDED;
                    }
                }
                default -> {
                    MembershipStatus target = switch (step.kind()) {
                        case PAUSE -> MembershipStatus.PAUSED;
                        case RESUME -> MembershipStatus.ACTIVE;
                        default -> MembershipStatus.CANCELLED;
                    };
                    Runnable command = () -> {
                        switch (step.kind()) {
                            case PAUSE -> kit.service.pause(OWNER, TENANT, m.id(), kit.version(m.id()));
                            case RESUME -> kit.service.resume(OWNER, TENANT, m.id(), kit.version(m.id()));
                            default -> kit.service.cancel(OWNER, TENANT, m.id(), kit.version(m.id()));
                        }
                    };
                    if (status.canBecome(target)) {
                        command.run();
                        status = target;
                        if (status == MembershipStatus.ACTIVE) {
                            activeDays.add(day);
                        }
                    } else {
                        var before = kit.storedState();
                        assertThatThrownBy(command::run).isInstanceOfSatisfying(ConflictException.class,
                                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
                        assertThat(kit.storedState()).isEqualTo(before);
                    }
                }
            }
            assertThat(kit.reload(m).status()).isEqualTo(status);
        }
        kit.job.issueDueCredits();

        Membership stored = kit.reload(m);
        List<Long> expected = new ArrayList<>();
        for (long n = 0; !stored.periodStart(n).isAfter(day); n++) {
            LocalDate first = stored.periodStart(n);
            if (activeDays.contains(first) && end.map(e -> !first.isAfter(e)).orElse(true)) {
                expected.add(n);
            }
        }
        assertThat(kit.claimed(m)).isEqualTo(expected);
        assertThat(kit.credits(m)).hasSize(expected.size() * 2);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(0, 365 * 100).map(d -> LocalDate.of(2000, 1, 1).plusDays(d))
                .edgeCases(c -> c.add(LocalDate.of(2024, 2, 29), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 8, 31)));
    }

    @Provide
    Arbitrary<Optional<Integer>> endOffsets() {
        return Arbitraries.integers().between(0, 200).optional(0.4);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Kind.DAYS_PASS)),
                Tuple.of(2, Arbitraries.just(Kind.RUN_JOB)),
                Tuple.of(2, Arbitraries.just(Kind.PAUSE)),
                Tuple.of(2, Arbitraries.just(Kind.RESUME)),
                Tuple.of(1, Arbitraries.just(Kind.CANCEL)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 45)).as(Step::new).list().ofMaxSize(40);
    }
}
