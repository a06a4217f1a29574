package io.clientele;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.TenantSettings;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Actor;
import io.clientele.common.TenantId;
import io.clientele.common.ValidationException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.IssuanceReport;
import io.clientele.membership.service.MembershipService;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 18: each studio has a time zone, and every calendar rule is evaluated in it. The
 * studio of {@link TestClientele#TENANT} is in Pacific/Auckland (UTC+13 until 5 April 2026, then
 * UTC+12), the one of {@link TestClientele#OTHER_TENANT} in America/Los_Angeles (UTC-8 until 8
 * March 2026, then UTC-7). The expected instants are worked out by hand in the comments, never by
 * the code under test.
 */
class StudioTimeZonesTest {

    /** 2026-03-03 00:30 in Auckland, still 2026-03-02 03:30 in Los Angeles (and 11:30 in UTC). */
    private static final Instant AUCKLAND_TOMORROW = Instant.parse("2026-03-02T11:30:00Z");

    private final TestClientele t = new TestClientele();
    private final MembershipService memberships = t.clientele.memberships();

    StudioTimeZonesTest() {
        t.memory.tenantSettings().put(TENANT, TenantSettings.defaults().withTimeZone("Pacific/Auckland"));
        t.memory.tenantSettings().put(OTHER_TENANT, TenantSettings.defaults().withTimeZone("America/Los_Angeles"));
    }

    @Test
    void a_studio_in_auckland_issues_the_period_of_its_today_while_los_angeles_is_still_on_yesterday() {
        LocalDate march3 = LocalDate.of(2026, 3, 3);
        Membership auckland = add(TENANT, "Aroha", monthly(TENANT), march3);
        Membership losAngeles = add(OTHER_TENANT, "Lucia", monthly(OTHER_TENANT), march3);
        t.clock.set(AUCKLAND_TOMORROW);

        IssuanceReport first = t.clientele.membershipIssuance().issueDueCredits();

        assertThat(first).isEqualTo(new IssuanceReport(4, 1, 0));
        // valid a month: 2026-04-03 00:00 in Auckland (NZDT, +13) = 2026-04-02T11:00Z
        assertThat(credits(auckland)).hasSize(4).extracting(Credit::expiresAt)
                .containsOnly(Optional.of(Instant.parse("2026-04-02T11:00:00Z")));
        assertThat(credits(losAngeles)).isEmpty();

        // one minute before midnight in Los Angeles (PST, -8): still nothing there
        t.clock.set(Instant.parse("2026-03-03T07:59:00Z"));
        assertThat(t.clientele.membershipIssuance().issueDueCredits()).isEqualTo(IssuanceReport.NOTHING);
        assertThat(credits(losAngeles)).isEmpty();

        // 2026-03-03 00:00 in Los Angeles
        t.clock.set(Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(t.clientele.membershipIssuance().issueDueCredits()).isEqualTo(new IssuanceReport(4, 1, 0));
        // 2026-04-03 00:00 in Los Angeles, daylight saving time by then (PDT, -7) = 07:00Z
        assertThat(credits(losAngeles)).hasSize(4).extracting(Credit::expiresAt)
                .containsOnly(Optional.of(Instant.parse("2026-04-03T07:00:00Z")));
        assertThat(credits(auckland)).hasSize(4);
    }

    @Test
    void membership_credits_expire_at_local_midnight_on_either_side_of_a_daylight_saving_change() {
        // Los Angeles springs forward on 2026-03-08; Auckland falls back on 2026-04-05
        Membership losAngeles = add(OTHER_TENANT, "Lucia", monthly(OTHER_TENANT), LocalDate.of(2026, 2, 1));
        Membership auckland = add(TENANT, "Aroha", monthly(TENANT), LocalDate.of(2026, 3, 4));
        t.clock.set(Instant.parse("2026-04-10T00:00:00Z"));

        IssuanceReport report = t.clientele.membershipIssuance().issueDueCredits();

        assertThat(report.failures()).isZero();
        assertThat(expiries(losAngeles)).containsExactly(
                // period 2026-02-01: expires 2026-03-01 00:00 PST (-8)
                Instant.parse("2026-03-01T08:00:00Z"),
                // period 2026-03-01: expires 2026-04-01 00:00 PDT (-7)
                Instant.parse("2026-04-01T07:00:00Z"),
                // period 2026-04-01: expires 2026-05-01 00:00 PDT (-7)
                Instant.parse("2026-05-01T07:00:00Z"));
        assertThat(expiries(auckland)).containsExactly(
                // period 2026-03-04: expires 2026-04-04 00:00 NZDT (+13)
                Instant.parse("2026-04-03T11:00:00Z"),
                // period 2026-04-04: expires 2026-05-04 00:00 NZST (+12)
                Instant.parse("2026-05-03T12:00:00Z"));
    }

    @Test
    void resuming_gives_up_the_periods_that_started_before_today_in_the_studio() {
        // weekly from Monday 2026-02-23: periods start 02-23, 03-02, 03-09, ...
        LocalDate start = LocalDate.of(2026, 2, 23);
        t.clock.set(Instant.parse("2026-02-25T00:00:00Z"));
        Membership auckland = add(TENANT, "Aroha", weekly(TENANT), start);
        Membership losAngeles = add(OTHER_TENANT, "Lucia", weekly(OTHER_TENANT), start);
        t.clientele.membershipIssuance().issueDueCredits();
        memberships.pause(OWNER, TENANT, auckland.id(), t.membershipVersion(auckland.id()));
        memberships.pause(OTHER_OWNER, OTHER_TENANT, losAngeles.id(), t.membershipVersion(losAngeles.id()));

        // 03-03 in Auckland: the period of 03-02 started while paused; 03-02 in Los Angeles: it starts today
        t.clock.set(AUCKLAND_TOMORROW);
        memberships.resume(OWNER, TENANT, auckland.id(), t.membershipVersion(auckland.id()));
        memberships.resume(OTHER_OWNER, OTHER_TENANT, losAngeles.id(), t.membershipVersion(losAngeles.id()));
        t.clientele.membershipIssuance().issueDueCredits();

        assertThat(credits(auckland)).extracting(Credit::reason)
                .containsOnly("membership period 0 starting 2026-02-23");
        assertThat(credits(losAngeles)).extracting(Credit::reason).containsOnly(
                "membership period 0 starting 2026-02-23", "membership period 1 starting 2026-03-02");
    }

    @Test
    void cancelling_issues_first_the_periods_started_by_today_in_the_studio() {
        LocalDate start = LocalDate.of(2026, 2, 23);
        t.clock.set(Instant.parse("2026-02-25T00:00:00Z"));
        Membership auckland = add(TENANT, "Aroha", weekly(TENANT), start);
        Membership losAngeles = add(OTHER_TENANT, "Lucia", weekly(OTHER_TENANT), start);
        t.clientele.membershipIssuance().issueDueCredits();

        // 2026-03-02 19:00 in Auckland (period 1 has started), 2026-03-01 22:00 in Los Angeles (not yet)
        t.clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        Membership cancelledInAuckland = memberships.cancel(OWNER, TENANT, auckland.id(), t.membershipVersion(auckland.id()));
        Membership cancelledInLosAngeles = memberships.cancel(OTHER_OWNER, OTHER_TENANT, losAngeles.id(), t.membershipVersion(losAngeles.id()));

        assertThat(cancelledInAuckland.status()).isEqualTo(MembershipStatus.CANCELLED);
        assertThat(cancelledInLosAngeles.status()).isEqualTo(MembershipStatus.CANCELLED);
        assertThat(credits(auckland)).extracting(Credit::reason).containsOnly(
                "membership period 0 starting 2026-02-23", "membership period 1 starting 2026-03-02");
        assertThat(credits(losAngeles)).extracting(Credit::reason)
                .containsOnly("membership period 0 starting 2026-02-23");
    }

    @Test
    void the_start_date_range_is_a_year_either_side_of_today_in_the_studio() {
        t.clock.set(AUCKLAND_TOMORROW);
        Client aroha = client(TENANT, "Aroha");
        Client lucia = client(OTHER_TENANT, "Lucia");
        MembershipType inAuckland = monthly(TENANT);
        MembershipType inLosAngeles = monthly(OTHER_TENANT);

        // Auckland's today is 2026-03-03: 2025-03-03 to 2027-03-03
        assertThat(memberships.addMembership(OWNER, TENANT, aroha.id(), inAuckland.id(), LocalDate.of(2027, 3, 3))
                .startDate()).isEqualTo(LocalDate.of(2027, 3, 3));
        refused("startDate", () -> memberships.addMembership(OWNER, TENANT, aroha.id(), inAuckland.id(),
                LocalDate.of(2025, 3, 2)));
        // Los Angeles' today is 2026-03-02: 2025-03-02 to 2027-03-02
        refused("startDate", () -> memberships.addMembership(OTHER_OWNER, OTHER_TENANT, lucia.id(),
                inLosAngeles.id(), LocalDate.of(2027, 3, 3)));
        assertThat(memberships.addMembership(OTHER_OWNER, OTHER_TENANT, lucia.id(), inLosAngeles.id(),
                LocalDate.of(2025, 3, 2)).startDate()).isEqualTo(LocalDate.of(2025, 3, 2));
    }

    @Test
    void a_birth_date_is_in_the_future_only_after_today_in_the_studio() {
        t.clock.set(AUCKLAND_TOMORROW);
        LocalDate march3 = LocalDate.of(2026, 3, 3);

        Client bornTodayInAuckland = t.clientele.clients().create(OWNER, TENANT,
                ClientDetails.named("Aroha", "Ngata").withBirthDate(march3));

        assertThat(bornTodayInAuckland.details().birthDateValue()).contains(march3);
        assertThatThrownBy(() -> t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Lucia", "Reyes").withBirthDate(march3)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("birthDate");
                    assertThat(e.rule()).isEqualTo("not_in_future");
                });
        assertThat(t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Lucia", "Reyes")
                .withBirthDate(march3.minusDays(1))).details().birthDateValue()).contains(march3.minusDays(1));
    }

    @Test
    void package_credits_expire_by_the_calendar_of_the_studio() {
        // 2026-03-01 20:00 in Los Angeles (PST, -8); 2026-03-02 17:00 in Auckland (NZDT, +13)
        t.clock.set(Instant.parse("2026-03-02T04:00:00Z"));
        Order inLosAngeles = t.clientele.orders().place(OTHER_OWNER, OTHER_TENANT, client(OTHER_TENANT, "Lucia").id(),
                List.of(tenClassesValidAMonth()));
        Order inAuckland = t.clientele.orders().place(OWNER, TENANT, client(TENANT, "Aroha").id(),
                List.of(tenClassesValidAMonth()));

        // 2026-04-01 20:00 in Los Angeles, daylight saving time by then (PDT, -7): an hour earlier in UTC
        assertThat(packageCredits(inLosAngeles)).hasSize(10).extracting(Credit::expiresAt)
                .containsOnly(Optional.of(Instant.parse("2026-04-02T03:00:00Z")));
        // 2026-04-02 17:00 in Auckland, still NZDT (+13)
        assertThat(packageCredits(inAuckland)).hasSize(10).extracting(Credit::expiresAt)
                .containsOnly(Optional.of(Instant.parse("2026-04-02T04:00:00Z")));
    }

    private static OrderLineInput tenClassesValidAMonth() {
        return OrderLineInput.packagePurchase("10 classes", 10, Period.ofMonths(1), "EUR", new BigDecimal("120.00"));
    }

    private static void refused(String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo("range");
        });
    }

    private static Actor owner(TenantId tenant) {
        return TestClientele.ownerOf(tenant);
    }

    private Client client(TenantId tenant, String firstName) {
        return t.clientele.clients().create(owner(tenant), tenant, ClientDetails.named(firstName, "Member"));
    }

    private MembershipType monthly(TenantId tenant) {
        return t.clientele.membershipTypes().createType(owner(tenant), tenant, "Monthly 4",
                RecurringCreditRule.of(4, CreditPeriod.MONTHLY, Period.ofMonths(1)));
    }

    private MembershipType weekly(TenantId tenant) {
        return t.clientele.membershipTypes().createType(owner(tenant), tenant, "Weekly 1",
                RecurringCreditRule.of(1, CreditPeriod.WEEKLY, Period.ofWeeks(1)));
    }

    private Membership add(TenantId tenant, String firstName, MembershipType type, LocalDate start) {
        return memberships.addMembership(owner(tenant), tenant, client(tenant, firstName).id(), type.id(), start);
    }

    private List<Credit> credits(Membership membership) {
        return t.read(s -> s.credits().fromSource(membership.tenantId(),
                CreditSource.membership(membership.id())));
    }

    /** The distinct expiries of the membership's credits, earliest first. */
    private List<Instant> expiries(Membership membership) {
        return credits(membership).stream().map(c -> c.expiresAt().orElseThrow()).distinct().sorted().toList();
    }

    private List<Credit> packageCredits(Order order) {
        return t.read(s -> s.credits().fromSource(order.tenantId(), CreditSource.order(order.id())));
    }
}
