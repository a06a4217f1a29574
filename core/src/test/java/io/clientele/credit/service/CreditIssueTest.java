package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.REASON;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import io.clientele.credit.CreditKit;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditEvents;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.testing.Pages;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The profile's "+Issue" button: membership credits by hand, never package credits. */
class CreditIssueTest {

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final Client ana = kit.client("Ana");

    @Test
    void staff_issue_redeemable_membership_credits_with_an_expiry() {
        MembershipId membership = kit.activeMembership(ana).id();
        Instant expiry = kit.t.clock.instant().plus(Duration.ofDays(30));

        List<Credit> issued = credits.issueMembershipCredits(MANAGER, TENANT, ana.id(),
                CreditIssue.of(3, " monthly top-up ").forMembership(membership).expiringAt(expiry));

        assertThat(issued).hasSize(3).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(CreditState.REDEEMABLE);
            assertThat(c.source()).isEqualTo(CreditSource.membership(membership));
            assertThat(c.expiresAt()).contains(expiry);
            assertThat(c.issuedAt()).isEqualTo(kit.t.clock.instant());
            assertThat(c.changedBy()).isEqualTo("staff:manager-1");
            assertThat(c.reason()).isEqualTo("monthly top-up");
            assertThat(kit.reload(c)).isEqualTo(c);
        });
        assertThat(issued).extracting(Credit::id).doesNotHaveDuplicates();
        assertThat(credits.ledger(OWNER, TENANT, ana.id())).hasSize(3).allSatisfy(line -> {
            assertThat(line.from()).isEmpty();
            assertThat(line.to()).isEqualTo(CreditState.REDEEMABLE);
            assertThat(line.actor()).isEqualTo("staff:manager-1");
            assertThat(line.reason()).isEqualTo("monthly top-up");
        });
        assertThat(kit.t.memory.events().events(CreditEvents.CreditIssued.class))
                .extracting(CreditEvents.CreditIssued::creditId)
                .containsExactlyElementsOf(issued.stream().map(Credit::id).toList());
    }

    @Test
    void credits_issued_without_expiry_have_none_and_belong_to_no_particular_membership() {
        List<Credit> issued = kit.issue(ana, 1);

        assertThat(issued.get(0).expiresAt()).isEmpty();
        assertThat(issued.get(0).source()).isEqualTo(CreditSource.membership());
    }

    @Test
    void one_to_a_hundred_credits_may_be_issued_at_once() {
        assertThat(kit.issue(ana, 1)).hasSize(1);
        assertThat(kit.issue(ana, 100)).hasSize(100);
        assertThat(Pages.all(page -> credits.list(OWNER, TENANT, ana.id(), page))).hasSize(101);
    }

    @Test
    void package_credits_cannot_be_issued_by_hand() {
        var before = kit.stored();

        for (var actor : List.of(OWNER, NOBODY, CreditKit.BOOKING_FLOW)) {
            assertThatThrownBy(() -> credits.issuePackageCredits(actor, TENANT, ana.id(),
                CreditIssue.of(5, REASON).expiringAt(kit.t.clock.instant().plus(Duration.ofDays(90)))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("source");
                        assertThat(e.rule()).isEqualTo("package_credits_come_from_orders");
                        assertThat(e.code()).isEqualTo("validation");
                    });
        }
        assertThat(kit.stored()).isEqualTo(before);
        assertThat(credits.list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void the_only_package_credits_are_those_an_order_granted() {
        kit.issue(ana, 2);
        CreditSource order = kit.order(ana, 3, Optional.empty());

        List<Credit> packages = credits.list(OWNER, TENANT, ana.id(), PageRequest.first()).items().stream()
                .filter(c -> c.source().kind() == CreditSource.Kind.PACKAGE).toList();

        assertThat(packages).hasSize(3).allSatisfy(c -> assertThat(c.source()).isEqualTo(order));
    }

    @Test
    void an_erased_client_gets_no_credits() {
        kit.erase(ana);
        var before = kit.stored();

        assertThatThrownBy(() -> kit.issue(ana, 1))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void the_expiry_a_credit_was_issued_with_cannot_be_edited_through_the_service() {
        // the credit use cases: none of them changes an expiry (DESIGN section 7)
        assertThat(Arrays.stream(CreditService.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).distinct().sorted())
                .containsExactly("balances", "cancelBooking", "eraser", "expireDue", "issueMembershipCredits",
                        "issuePackageCredits", "ledger", "list", "redeem", "revoke");
        assertThat(Arrays.stream(Credit.class.getMethods()).map(Method::getName))
                .noneMatch(name -> name.startsWith("with") && !name.equals("withVersion"));
    }

    @Test
    void each_issued_credit_has_one_ledger_line_even_when_issued_together() {
        kit.issue(ana, 2);
        List<CreditChange> ledger = credits.ledger(OWNER, TENANT, ana.id());

        assertThat(ledger).extracting(CreditChange::creditId).doesNotHaveDuplicates().hasSize(2);
    }
}
