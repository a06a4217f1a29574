package io.clientele.membership;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.service.IssuanceReport;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 14: the issuance job reports what it did, so a run that failed on a membership is
 * visible to the host (and to tests) without reading its log.
 */
class IssuanceReportTest {

    private final MembershipKit kit = new MembershipKit();
    private final LocalDate today = kit.today();

    @Test
    void a_run_that_fails_on_one_membership_reports_the_failure_and_the_next_run_catches_up() {
        MembershipType monthly = kit.monthly("Monthly 8", 8);
        Membership ana = kit.add(kit.client("Ana"), monthly, today);
        Membership bea = kit.add(kit.client("Bea"), monthly, today);
        kit.failOn.set(event -> event instanceof MembershipEvents.MembershipCreditsIssued issued
                && issued.membershipId().equals(bea.id()));

        IssuanceReport failed = kit.job.issueDueCredits();

        assertThat(failed).isEqualTo(new IssuanceReport(8, 1, 1));
        assertThat(failed.succeeded()).isFalse();
        assertThat(kit.credits(ana)).hasSize(8);
        assertThat(kit.credits(bea)).as("the failed unit of work left nothing").isEmpty();

        kit.failOn.set(event -> false);
        IssuanceReport retried = kit.job.issueDueCredits();

        assertThat(retried).isEqualTo(new IssuanceReport(8, 1, 0));
        assertThat(retried.succeeded()).isTrue();
        assertThat(kit.credits(bea)).hasSize(8);
    }

    @Test
    void ending_a_membership_counts_as_handling_it_and_a_run_with_nothing_due_reports_nothing() {
        Membership ending = kit.service.addMembership(OWNER, TENANT, kit.client("Ana").id(),
                kit.monthly("Monthly 2", 2).id(), today, today.plusDays(2));
        assertThat(kit.job.issueDueCredits()).isEqualTo(new IssuanceReport(2, 1, 0));
        assertThat(kit.job.issueDueCredits()).isEqualTo(IssuanceReport.NOTHING);

        kit.t.clock.advance(Duration.ofDays(3));

        assertThat(kit.job.issueDueCredits()).isEqualTo(new IssuanceReport(0, 1, 0));
        assertThat(kit.reload(ending).status()).isEqualTo(MembershipStatus.ENDED);
    }
}
