package io.clientele.membership;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.client.model.Client;
import io.clientele.client.port.ErasureParticipant;
import io.clientele.common.PageRequest;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.IssuanceReport;
import io.clientele.membership.service.MembershipEraser;
import io.clientele.membership.service.MembershipIssuanceJob;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import io.clientele.testing.TestClientele;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 point 8: {@code MembershipService} did the catalog, a client's memberships, the issuance
 * job, the export section and the erasure in one class of about 600 lines. The facade now offers
 * three services, {@code membershipTypes()} (the catalog), {@code memberships()} (a client's
 * memberships) and {@code membershipIssuance()} (the job), and registers {@link MembershipEraser}
 * with the erasure; each does one thing.
 */
class MembershipSplitTest {

    private final TestClientele t = new TestClientele();
    private final Clientele c = t.clientele;
    private final LocalDate today = LocalDate.ofInstant(t.clock.instant(), ZoneOffset.UTC);

    @Test
    void membership_service_no_longer_does_the_catalog_the_job_and_the_erasure_as_well() {
        assertThat(publicMethods(MembershipService.class))
                .contains("addMembership", "pause", "resume", "cancel", "listForClient", "standings")
                .doesNotContain("createType", "renameType", "enableType", "disableType", "listTypes",
                        "issueDueCredits", "eraser");
        assertThat(publicMethods(MembershipTypeService.class)).containsExactlyInAnyOrder("createType", "renameType",
                "enableType", "disableType", "listTypes");
        assertThat(publicMethods(MembershipIssuanceJob.class)).containsExactly("issueDueCredits");
        assertThat(ErasureParticipant.class).isAssignableFrom(MembershipEraser.class);
    }

    @Test
    void the_facade_offers_the_catalog_a_clients_memberships_and_the_job_as_one_service_each() {
        Client ana = t.ana();

        MembershipType monthly = c.membershipTypes().createType(OWNER, TENANT, "Monthly",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        Membership added = c.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), today);
        IssuanceReport report = c.membershipIssuance().issueDueCredits();

        assertThat(c.membershipTypes().listTypes(OWNER, TENANT)).containsExactly(monthly);
        assertThat(c.memberships().listForClient(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .extracting(Membership::id).containsExactly(added.id());
        assertThat(report).isEqualTo(new IssuanceReport(4, 1, 0));
        assertThat(credits(added)).hasSize(4)
                .allSatisfy(credit -> assertThat(credit.changedBy())
                        .isEqualTo(MembershipIssuanceJob.ISSUANCE_ACTOR.describe()));
    }

    @Test
    void erasing_a_client_through_the_facade_still_cancels_their_running_memberships_and_stops_their_credits() {
        Client ana = t.ana();
        MembershipType monthly = c.membershipTypes().createType(OWNER, TENANT, "Monthly",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
        Membership running = c.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), today);
        Membership paused = c.memberships().pause(OWNER, TENANT,
                c.memberships().addMembership(OWNER, TENANT, ana.id(), monthly.id(), today).id(), 0L);

        c.erasure().erase(OWNER, TENANT, ana.id());
        t.clock.advance(Duration.ofDays(40));

        assertThat(c.membershipIssuance().issueDueCredits().credits()).isZero();
        assertThat(c.memberships().listForClient(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .allSatisfy(m -> {
                    assertThat(m.status()).isEqualTo(MembershipStatus.CANCELLED);
                    assertThat(m.changedBy()).isEqualTo(MembershipEraser.ERASURE_ACTOR.describe());
                })
                .extracting(Membership::id).containsExactlyInAnyOrder(running.id(), paused.id());
        assertThat(credits(running)).isEmpty();
    }

    private List<Credit> credits(Membership membership) {
        return t.read(s -> s.credits().fromSource(TENANT, CreditSource.membership(membership.id())));
    }

    private static Set<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .map(Method::getName)
                .collect(Collectors.toSet());
    }
}
