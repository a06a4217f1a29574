package io.clientele;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.credit.model.Credit;
import io.clientele.credit.service.CreditIssue;
import io.clientele.order.service.OrderLineInput;
import io.clientele.testing.TestClientele;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 14: every date, instant and period a caller passes is bounded to a documented
 * range where it comes in ({@link io.clientele.common.TimeBounds}), and the calendar's extremes
 * ({@code LocalDate.MIN/MAX}, {@code Instant.MIN/MAX}, {@code Period.of(Integer.MAX_VALUE, ...)})
 * are answered with a {@link ValidationException} naming the field, never a raw {@code
 * DateTimeException}; a refused command changes nothing. The clock reads 2026-03-02T09:00:00Z.
 */
class DateBoundsTest {

    private final TestClientele t = new TestClientele();
    private final Client ana = t.ana();
    private final Instant now = t.clock.instant();

    private void refused(String field, String rule, ThrowingCallable call) {
        var before = t.storedState();
        assertThatThrownBy(call).as(field + "/" + rule).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
        assertThat(t.storedState()).isEqualTo(before);
    }

    private ThrowingCallable issueExpiringAt(Instant expiry) {
        return () -> t.clientele.credits().issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, "goodwill").expiringAt(expiry));
    }

    @Test
    void a_credit_issued_by_hand_expires_in_the_future_and_at_most_ten_years_ahead() {
        refused("expiresAt", "range", issueExpiringAt(Instant.MAX));
        refused("expiresAt", "range", issueExpiringAt(Instant.parse("2036-03-02T09:00:01Z")));
        refused("expiresAt", "in_future", issueExpiringAt(Instant.MIN));
        refused("expiresAt", "in_future", issueExpiringAt(Instant.EPOCH));
        refused("expiresAt", "in_future", issueExpiringAt(now));

        List<Credit> tenYears = t.clientele.credits().issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, "goodwill").expiringAt(Instant.parse("2036-03-02T09:00:00Z")));
        assertThat(tenYears).singleElement().extracting(Credit::expiresAt)
                .isEqualTo(Optional.of(Instant.parse("2036-03-02T09:00:00Z")));
    }

    private ThrowingCallable intakeSubmittedAt(Instant submittedAt) {
        return () -> t.clientele.intakeForms().record(OWNER, TENANT, ana.id(), "Health questionnaire", 1,
                submittedAt, Map.of("Any injuries?", "No"));
    }

    @Test
    void an_intake_form_is_submitted_neither_in_the_future_nor_before_1970() {
        refused("submittedAt", "not_in_future", intakeSubmittedAt(Instant.MAX));
        refused("submittedAt", "not_in_future", intakeSubmittedAt(now.plusSeconds(1)));
        refused("submittedAt", "range", intakeSubmittedAt(Instant.MIN));
        refused("submittedAt", "range", intakeSubmittedAt(Instant.EPOCH.minusSeconds(1)));

        assertThat(t.clientele.intakeForms().record(OWNER, TENANT, ana.id(), "Waiver", 1, Instant.EPOCH,
                Map.of("Signed?", "Yes")).submittedAt()).isEqualTo(Instant.EPOCH);
        assertThat(t.clientele.intakeForms().record(OWNER, TENANT, ana.id(), "Waiver", 2, now,
                Map.of("Signed?", "Yes")).submittedAt()).isEqualTo(now);
    }

    @Test
    void an_imported_consent_decision_is_dated_neither_in_the_future_nor_before_1970() {
        MarketingPreference newsletter = t.clientele.consent().definePreference(OWNER, TENANT, "newsletter",
                "Newsletter", "Monthly news from the studio.", Channel.EMAIL);
        Function<Instant, ThrowingCallable> importAt = at -> () -> t.clientele.consent()
                .importDecision(OWNER, TENANT, ana.id(), newsletter.id(), ConsentDecision.OPT_IN, at);

        refused("decidedAt", "not_in_future", importAt.apply(Instant.MAX));
        refused("decidedAt", "range", importAt.apply(Instant.MIN));
        refused("decidedAt", "range", importAt.apply(Instant.EPOCH.minusSeconds(1)));

        assertThat(t.clientele.consent().importDecision(OWNER, TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_IN, Instant.EPOCH).recordedAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void a_birth_date_at_either_end_of_the_calendar_is_refused_by_its_rules() {
        refused("birthDate", "not_in_future", () -> t.clientele.clients().create(OWNER, TENANT,
                ClientDetails.named("Max", "Future").withBirthDate(LocalDate.MAX)));
        refused("birthDate", "plausible", () -> t.clientele.clients().create(OWNER, TENANT,
                ClientDetails.named("Min", "Ancient").withBirthDate(LocalDate.MIN)));
        refused("birthDate", "plausible", () -> t.clientele.clients().create(OWNER, TENANT,
                ClientDetails.named("Min", "Ancient").withBirthDate(LocalDate.of(1896, 3, 1))));
    }

    private ThrowingCallable packageValidFor(Period validity) {
        return () -> t.clientele.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase(
                "10 classes", 10, validity, "EUR", new BigDecimal("120.00"))));
    }

    @Test
    void a_package_validity_at_the_extremes_of_a_period_is_refused_by_its_rules() {
        refused("lines[0].creditValidity", "range", packageValidFor(Period.ofYears(Integer.MAX_VALUE)));
        refused("lines[0].creditValidity", "range", packageValidFor(Period.ofMonths(Integer.MAX_VALUE)));
        refused("lines[0].creditValidity", "range", packageValidFor(Period.ofDays(Integer.MAX_VALUE)));
        refused("lines[0].creditValidity", "range",
                packageValidFor(Period.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)));
        refused("lines[0].creditValidity", "positive", packageValidFor(Period.of(Integer.MIN_VALUE, 0, 0)));
        refused("lines[0].creditValidity", "positive", packageValidFor(Period.ofDays(-1)));
        refused("lines[0].creditValidity", "positive", packageValidFor(Period.ZERO));

        t.clientele.orders().place(OWNER, TENANT, ana.id(), List.of(OrderLineInput.packagePurchase("Decade", 1,
                Period.ofMonths(120), "EUR", new BigDecimal("1.00"))));
        // placed 2026-03-02T09:00Z in a UTC studio: 120 months later
        assertThat(t.<List<Credit>>read(s -> s.credits().listForClient(TENANT, ana.id())))
                .extracting(Credit::expiresAt).containsOnly(Optional.of(Instant.parse("2036-03-02T09:00:00Z")));
    }
}
