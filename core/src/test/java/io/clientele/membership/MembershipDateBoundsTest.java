package io.clientele.membership;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ClientId;
import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 14: far-future end dates and huge periods were accepted, then failed later with a
 * raw {@code DateTimeException} in every run of the issuance job. Membership dates and credit
 * validities are now bounded where they come in, with a {@link ValidationException} naming the
 * field, and a stored membership can always be computed with.
 */
class MembershipDateBoundsTest {

    private final MembershipKit kit = new MembershipKit();
    private final LocalDate today = kit.today();
    private final MembershipType monthly = kit.monthly("Monthly 4", 4);
    private final Client ana = kit.client("Ana");

    private void refused(String field, String rule, ThrowingCallable call) {
        var before = kit.storedState();
        assertThatThrownBy(call).as(field + "/" + rule).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
        assertThat(kit.storedState()).isEqualTo(before);
    }

    private ThrowingCallable add(LocalDate start, Optional<LocalDate> end) {
        return () -> {
            if (end.isPresent()) {
                kit.service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), start, end.get());
            } else {
                kit.service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), start);
            }
        };
    }

    @Test
    void a_far_future_end_date_is_refused_when_the_membership_is_added_not_in_every_run_of_the_job() {
        refused("endDate", "range", add(today, Optional.of(LocalDate.MAX)));
        refused("endDate", "range", add(today, Optional.of(LocalDate.of(9999, 12, 31))));
        refused("endDate", "range", add(today, Optional.of(today.plusYears(10).plusDays(1))));
        refused("endDate", "range", add(today, Optional.of(LocalDate.MIN)));
        refused("endDate", "range", add(today, Optional.of(today.minusDays(1))));

        Membership tenYears = kit.service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), today,
                today.plusYears(10));
        kit.t.clock.set(today.plusYears(11).atStartOfDay().toInstant(ZoneOffset.UTC));

        assertThat(kit.job.issueDueCredits().failures()).isZero();
        assertThat(kit.reload(tenYears).status()).isEqualTo(MembershipStatus.ENDED);
        // 10 years of monthly periods, the last one starting on the end date itself
        assertThat(kit.claimed(tenYears)).hasSize(121);
    }

    @Test
    void a_start_date_at_the_edge_of_the_calendar_is_out_of_range_not_a_crash() {
        refused("startDate", "range", add(LocalDate.MIN, Optional.empty()));
        refused("startDate", "range", add(LocalDate.MAX, Optional.empty()));
        refused("startDate", "range", add(LocalDate.MAX, Optional.of(LocalDate.MAX)));
    }

    @Test
    void a_membership_record_holds_only_dates_it_can_compute_with() {
        RecurringCreditRule rule = monthly.rule();
        TenantId tenant = TENANT;
        ClientId client = ana.id();
        Instant now = kit.t.clock.instant();
        ThrowingCallable farStart = () -> new Membership(new MembershipId(UUID.randomUUID()), tenant, client,
                monthly.id(), rule,
                LocalDate.MAX, Optional.empty(), MembershipStatus.ACTIVE, 0, now, "staff:x", now, 0);
        ThrowingCallable farEnd = () -> Membership.start(new MembershipId(UUID.randomUUID()), tenant, client, monthly,
                today, LocalDate.MAX, "staff:x", now);
        ThrowingCallable ancientStart = () -> Membership.start(new MembershipId(UUID.randomUUID()), tenant, client,
                monthly,
                LocalDate.of(1899, 12, 31), "staff:x", now);

        refused("startDate", "range", farStart);
        refused("endDate", "range", farEnd);
        refused("startDate", "range", ancientStart);
    }

    @Test
    void a_huge_credit_validity_is_out_of_range_not_an_overflow() {
        for (Period huge : new Period[] {Period.ofYears(Integer.MAX_VALUE), Period.ofMonths(Integer.MAX_VALUE),
                Period.ofDays(Integer.MAX_VALUE), Period.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
                Period.of(Integer.MIN_VALUE, 0, 0), Period.of(0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                Period.ofYears(11), Period.ofMonths(121), Period.ofDays(3654), Period.of(9, 12, 1)}) {
            refused("validity", "range", () -> RecurringCreditRule.of(1, CreditPeriod.MONTHLY, huge));
        }
        for (Period longest : new Period[] {Period.ofYears(10), Period.ofMonths(120), Period.ofDays(3653),
                Period.of(9, 11, 30)}) {
            assertThat(RecurringCreditRule.of(1, CreditPeriod.WEEKLY, longest).validity()).contains(longest);
        }
    }
}
