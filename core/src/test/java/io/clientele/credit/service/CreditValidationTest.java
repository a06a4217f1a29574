package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.BOOKING_FLOW;
import static io.clientele.credit.CreditKit.REASON;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import io.clientele.credit.CreditKit;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Bad input to a credit use case is refused with its field and rule, and changes nothing. */
class CreditValidationTest {

    private static final String LONG_REASON = "r".repeat(CreditService.MAX_REASON + 1);
    private static final String LONG_BOOKING = "b".repeat(CreditService.MAX_BOOKING_REF + 1);

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client ana = kit.client("Ana");
    private final Credit credit = kit.issue(ana, 1).get(0);

    private void rejected(String field, String rule, ThrowingCallable call) {
        var before = kit.stored();
        assertThatThrownBy(call).as(field + "/" + rule).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
        assertThat(kit.stored()).isEqualTo(before);
    }

    private ThrowingCallable issue(int count, Optional<Instant> expiresAt, String reason) {
        return () -> credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                new CreditIssue(count, Optional.empty(), expiresAt, reason));
    }

    @Test
    void issuing_takes_one_to_a_hundred_credits() {
        rejected("count", "range", issue(0, Optional.empty(), REASON));
        rejected("count", "range", issue(-1, Optional.empty(), REASON));
        rejected("count", "range", issue(101, Optional.empty(), REASON));
    }

    @Test
    void an_issued_credit_expires_in_the_future_or_never() {
        Instant now = kit.t.clock.instant();
        rejected("expiresAt", "in_future", issue(1, Optional.of(now), REASON));
        rejected("expiresAt", "in_future", issue(1, Optional.of(now.minus(Duration.ofDays(1))), REASON));
        rejected("expiresAt", "required", issue(1, null, REASON));
        rejected("expiresAt", "required", () -> CreditIssue.of(1, REASON).expiringAt(null));

        assertThat(credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, REASON).expiringAt(now.plusSeconds(1)))).hasSize(1);
    }

    @Test
    void issuing_needs_a_single_line_reason_of_at_most_200_characters() {
        rejected("reason", "required", issue(1, Optional.empty(), null));
        rejected("reason", "required", issue(1, Optional.empty(), " \u00A0 "));
        rejected("reason", "line_break", issue(1, Optional.empty(), "first line\nsecond line"));
        rejected("reason", "forbidden_character", issue(1, Optional.empty(), "refund \u202Eevil"));
        rejected("reason", "max_length", issue(1, Optional.empty(), LONG_REASON));
        rejected("membershipId", "required", () -> credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                new CreditIssue(1, null, Optional.empty(), REASON)));
        rejected("membershipId", "required", () -> CreditIssue.of(1, REASON).forMembership(null));
        rejected("issue", "required", () -> credits.issueMembershipCredits(OWNER, TENANT, ana.id(), null));
        rejected("clientId", "required", () -> credits.issueMembershipCredits(OWNER, TENANT, null,
                CreditIssue.of(1, REASON)));

        assertThat(kit.issue(ana, 1, Optional.empty())).hasSize(1);
        assertThat(credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, "r".repeat(CreditService.MAX_REASON)))).hasSize(1);
    }

    @Test
    void revoking_needs_a_credit_id_and_a_reason() {
        rejected("creditId", "required", () -> credits.revoke(OWNER, TENANT, null, REASON));
        rejected("reason", "required", () -> credits.revoke(OWNER, TENANT, credit.id(), ""));
        rejected("reason", "line_break", () -> credits.revoke(OWNER, TENANT, credit.id(), "a\u2028b"));
        rejected("reason", "max_length", () -> credits.revoke(OWNER, TENANT, credit.id(), LONG_REASON));
    }

    @Test
    void redeeming_needs_a_single_line_booking_reference_of_one_to_a_hundred_characters() {
        rejected("bookingRef", "required", () -> credits.redeem(BOOKING_FLOW, TENANT, ana.id(), null));
        rejected("bookingRef", "required", () -> credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "   "));
        rejected("bookingRef", "line_break", () -> credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1\r\nX: y"));
        rejected("bookingRef", "max_length", () -> credits.redeem(BOOKING_FLOW, TENANT, ana.id(), LONG_BOOKING));
        rejected("clientId", "required", () -> credits.redeem(BOOKING_FLOW, TENANT, null, "b-1"));

        assertThat(credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b".repeat(CreditService.MAX_BOOKING_REF)))
                .isNotNull();
    }

    @Test
    void cancelling_a_booking_needs_its_reference_and_a_reason() {
        credits.redeem(BOOKING_FLOW, TENANT, ana.id(), "b-1");

        rejected("bookingRef", "required", () -> credits.cancelBooking(BOOKING_FLOW, TENANT, "", REASON));
        rejected("bookingRef", "max_length", () -> credits.cancelBooking(BOOKING_FLOW, TENANT, LONG_BOOKING, REASON));
        rejected("reason", "required", () -> credits.cancelBooking(BOOKING_FLOW, TENANT, "b-1", null));
        rejected("reason", "line_break", () -> credits.cancelBooking(BOOKING_FLOW, TENANT, "b-1", "a\nb"));
    }

    @Test
    void listing_and_reading_need_a_client_and_the_filter() {
        rejected("state", "required", () -> credits.list(OWNER, TENANT, ana.id(), null, PageRequest.first()));
        rejected("page", "required", () -> credits.list(OWNER, TENANT, ana.id(), null));
        rejected("page", "required", () -> credits.list(OWNER, TENANT, ana.id(), CreditState.REDEEMABLE, null));
        rejected("clientId", "required", () -> credits.list(OWNER, TENANT, null, PageRequest.first()).items());
        rejected("clientId", "required", () -> credits.balances(OWNER, TENANT, null));
        rejected("clientId", "required", () -> credits.ledger(OWNER, TENANT, null));
        rejected("tenantId", "required", () -> credits.list(OWNER, null, ana.id(), PageRequest.first()).items());
    }

    @Test
    void the_sweep_takes_a_limit_of_one_to_ten_thousand() {
        rejected("limit", "range", () -> credits.expireDue(0));
        rejected("limit", "range", () -> credits.expireDue(CreditService.MAX_SWEEP_BATCH + 1));
    }
}
