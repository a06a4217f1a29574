package io.clientele.membership;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ConflictException;
import io.clientele.common.MembershipId;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipEvents;
import io.clientele.membership.model.MembershipStatus;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.MembershipTypeId;
import io.clientele.membership.service.MembershipIssuanceJob;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Giving clients memberships, and their status transitions. */
class MembershipLifecycleTest {

    private final MembershipKit kit = new MembershipKit();
    private final MembershipService service = kit.service;
    private final MembershipTypeService catalog = kit.catalog;
    private final MembershipIssuanceJob job = kit.job;
    private final Client ana = kit.client("Ana");
    private final MembershipType monthly = kit.monthly("Monthly 8", 8);
    private final LocalDate today = kit.today();

    @Test
    void a_new_membership_is_active_from_its_start_date_with_the_terms_of_its_type() {
        Membership added = service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), today.plusDays(3),
                today.plusMonths(6));

        assertThat(added.status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(added.clientId()).isEqualTo(ana.id());
        assertThat(added.typeId()).isEqualTo(monthly.id());
        assertThat(added.rule()).isEqualTo(monthly.rule());
        assertThat(added.startDate()).isEqualTo(today.plusDays(3));
        assertThat(added.endDate()).contains(today.plusMonths(6));
        assertThat(added.nextPeriod()).isZero();
        assertThat(added.changedBy()).isEqualTo(OWNER.describe());
        assertThat(kit.t.memory.events().events(MembershipEvents.MembershipAdded.class))
                .containsExactly(new MembershipEvents.MembershipAdded(TENANT, ana.id(), added.id(), monthly.id(),
                        kit.t.clock.instant()));
        assertThat(kit.credits(added)).as("credits come from the job").isEmpty();
    }

    @Test
    void only_enabled_types_can_be_added_to_a_client() {
        catalog.disableType(OWNER, TENANT, monthly.id());
        var before = kit.storedState();

        assertThatThrownBy(() -> kit.add(ana, monthly, today))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("typeId");
                    assertThat(e.rule()).isEqualTo("disabled");
                });
        assertThat(kit.storedState()).isEqualTo(before);

        catalog.enableType(OWNER, TENANT, monthly.id());
        assertThat(kit.add(ana, monthly, today).status()).isEqualTo(MembershipStatus.ACTIVE);
    }

    @Test
    void the_start_date_is_at_most_a_year_before_or_after_today() {
        assertThat(kit.add(ana, monthly, today.minusYears(1)).startDate()).isEqualTo(today.minusYears(1));
        assertThat(kit.add(ana, monthly, today.plusYears(1)).startDate()).isEqualTo(today.plusYears(1));

        assertRefused(() -> kit.add(ana, monthly, today.minusYears(1).minusDays(1)), "startDate", "range");
        assertRefused(() -> kit.add(ana, monthly, today.plusYears(1).plusDays(1)), "startDate", "range");
    }

    @Test
    void the_end_date_is_not_before_the_start_date() {
        assertRefused(() -> service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), today, today.minusDays(1)),
                "endDate", "range");

        assertThat(service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), today, today)
                .endDate()).contains(today);
    }

    @Test
    void an_erased_client_cannot_be_given_a_membership() {
        kit.t.clientele.erasure().erase(OWNER, TENANT, ana.id());
        var before = kit.storedState();

        assertThatThrownBy(() -> kit.add(ana, monthly, today)).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.storedState()).isEqualTo(before);
    }

    @Test
    void an_active_membership_can_be_paused_resumed_and_cancelled() {
        Membership m = kit.add(ana, monthly, today);

        assertThat(service.pause(OWNER, TENANT, m.id(),
                kit.version(m.id())).status()).isEqualTo(MembershipStatus.PAUSED);
        assertThat(service.resume(OWNER, TENANT, m.id(),
                kit.version(m.id())).status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(service.pause(OWNER, TENANT, m.id(),
                kit.version(m.id())).status()).isEqualTo(MembershipStatus.PAUSED);
        Membership cancelled = service.cancel(OWNER, TENANT, m.id(), kit.version(m.id()));

        assertThat(cancelled.status()).isEqualTo(MembershipStatus.CANCELLED);
        assertThat(cancelled.changedBy()).isEqualTo(OWNER.describe());
        assertThat(kit.t.memory.events().events(MembershipEvents.MembershipStatusChanged.class))
                .extracting(e -> e.from() + "->" + e.to())
                .containsExactly("ACTIVE->PAUSED", "PAUSED->ACTIVE", "ACTIVE->PAUSED", "PAUSED->CANCELLED");
        assertThat(service.cancel(OWNER, TENANT, kit.add(ana, monthly, today).id(), 0L).status())
                .isEqualTo(MembershipStatus.CANCELLED);
    }

    @Test
    void illegal_transitions_are_conflicts_that_change_nothing() {
        Membership active = kit.add(ana, monthly, today);
        Membership paused = service.pause(OWNER, TENANT, kit.add(ana, monthly, today).id(), 0L);
        Membership cancelled = service.cancel(OWNER, TENANT, kit.add(ana, monthly, today).id(), 0L);
        Membership ended = service.addMembership(OWNER, TENANT, ana.id(), monthly.id(), today.minusDays(10),
                today.minusDays(1));
        job.issueDueCredits();
        assertThat(kit.reload(ended).status()).isEqualTo(MembershipStatus.ENDED);

        Function<Membership, ThrowingCallable> resume = m -> () -> service.resume(OWNER, TENANT, m.id(),
                kit.version(m.id()));
        Function<Membership, ThrowingCallable> pause = m -> () -> service.pause(OWNER, TENANT, m.id(),
                kit.version(m.id()));
        Function<Membership, ThrowingCallable> cancel = m -> () -> service.cancel(OWNER, TENANT, m.id(),
                kit.version(m.id()));
        assertIllegal(resume.apply(active));
        assertIllegal(pause.apply(paused));
        for (Membership terminal : List.of(cancelled, kit.reload(ended))) {
            for (var transition : List.of(resume, pause, cancel)) {
                assertIllegal(transition.apply(terminal));
            }
        }
    }

    @Test
    void a_clients_memberships_are_listed_newest_start_first_whatever_their_status() {
        Client bo = kit.client("Bo");
        Membership later = kit.add(ana, monthly, today.plusDays(10));
        Membership earlier = service.cancel(OWNER, TENANT, kit.add(ana, monthly, today.minusDays(10)).id(), 0L);
        kit.add(bo, monthly, today);

        assertThat(service.listForClient(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .extracting(Membership::id).containsExactly(later.id(), earlier.id());
        assertThat(service.listForClient(OWNER, TENANT, kit.client("Cy").id(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void a_membership_of_an_unknown_type_or_client_is_not_found() {
        assertThatThrownBy(() -> service.addMembership(OWNER, TENANT, ana.id(),
                new MembershipTypeId(UUID.randomUUID()), today))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.pause(OWNER, TENANT, new MembershipId(UUID.randomUUID()),
                kit.version(new MembershipId(UUID.randomUUID()))))
                .isInstanceOf(NotFoundException.class);
    }

    private void assertIllegal(ThrowingCallable call) {
        var before = kit.storedState();
        assertThatThrownBy(call).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        assertThat(kit.storedState()).isEqualTo(before);
    }

    private void assertRefused(ThrowingCallable call, String field, String rule) {
        var before = kit.storedState();
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
        assertThat(kit.storedState()).isEqualTo(before);
    }
}
