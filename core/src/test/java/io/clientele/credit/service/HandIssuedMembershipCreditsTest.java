package io.clientele.credit.service;

import static io.clientele.credit.CreditKit.REASON;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.credit.CreditKit;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditSource;
import io.clientele.credit.service.CreditIssue;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.service.MembershipService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 point 16: {@code credits().issueMembershipCredits} with a membership id accepted any id
 * (another client's, another tenant's, a random one). The membership named must be an active
 * membership of this client; whatever else is named, nothing is issued.
 */
class HandIssuedMembershipCreditsTest {

    private final CreditKit kit = new CreditKit();
    private final CreditService credits = kit.credits;
    private final MembershipService memberships = kit.t.clientele.memberships();
    private final Client ana = kit.client("Ana");

    private ThrowingCallable issueFor(MembershipId membershipId) {
        return () -> credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(2, REASON).forMembership(membershipId));
    }

    private void notFound(MembershipId membershipId) {
        var before = kit.stored();
        assertThatThrownBy(issueFor(membershipId)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.resource()).isEqualTo("membership");
            assertThat(e.id()).isEqualTo(membershipId.toString());
        });
        assertThat(kit.stored()).isEqualTo(before);
    }

    private void notActive(MembershipId membershipId) {
        var before = kit.stored();
        assertThatThrownBy(issueFor(membershipId)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.stored()).isEqualTo(before);
    }

    @Test
    void credits_for_an_active_membership_of_the_client_name_it_as_their_source() {
        Membership active = kit.activeMembership(ana);

        List<Credit> issued = credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(2, REASON).forMembership(active.id()));

        assertThat(issued).hasSize(2).extracting(Credit::source)
                .containsOnly(CreditSource.membership(active.id()));
    }

    @Test
    void a_random_membership_id_is_not_found() {
        notFound(new MembershipId(UUID.randomUUID()));
    }

    @Test
    void another_clients_membership_is_not_found_as_if_it_did_not_exist() {
        Membership bobs = kit.activeMembership(kit.client("Bob"));

        notFound(bobs.id());
    }

    @Test
    void another_tenants_membership_is_not_found_as_if_it_did_not_exist() {
        Membership olgas = kit.activeMembership(kit.otherTenantClient());

        notFound(olgas.id());
        assertThat(memberships.listForClient(OTHER_OWNER, OTHER_TENANT, olgas.clientId(), PageRequest.first()).items())
                .extracting(Membership::status).containsOnly(MembershipStatus.ACTIVE);
    }

    @Test
    void a_paused_cancelled_or_ended_membership_of_the_client_takes_no_credits() {
        Membership paused = memberships.pause(OWNER, TENANT, kit.activeMembership(ana).id(), 0L);
        Membership cancelled = memberships.cancel(OWNER, TENANT, kit.activeMembership(ana).id(), 0L);
        Membership ending = memberships.addMembership(OWNER, TENANT, ana.id(), paused.typeId(), kit.today(),
                kit.today());
        kit.later(Duration.ofDays(1));
        kit.t.clientele.membershipIssuance().issueDueCredits();
        assertThat(memberships.listForClient(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .extracting(Membership::id, Membership::status)
                .contains(tuple(ending.id(), MembershipStatus.ENDED));

        notActive(paused.id());
        notActive(cancelled.id());
        notActive(ending.id());
    }

    @Test
    void a_membership_resumed_takes_credits_again() {
        Membership paused = memberships.pause(OWNER, TENANT, kit.activeMembership(ana).id(), 0L);
        notActive(paused.id());

        memberships.resume(OWNER, TENANT, paused.id(), kit.t.membershipVersion(paused.id()));

        assertThat(credits.issueMembershipCredits(OWNER, TENANT, ana.id(),
                CreditIssue.of(1, REASON).forMembership(paused.id()))).hasSize(1);
    }
}
