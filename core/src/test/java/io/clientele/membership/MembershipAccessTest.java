package io.clientele.membership;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.client.model.Client;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.membership.model.CreditPeriod;
import io.clientele.membership.model.Membership;
import io.clientele.membership.model.MembershipType;
import io.clientele.membership.model.RecurringCreditRule;
import io.clientele.membership.service.MembershipService;
import io.clientele.membership.service.MembershipTypeService;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * For every membership use case: who may call it (a denial changes nothing), which input it
 * refuses (field and rule, nothing changed), and that another tenant's ids are not found.
 */
class MembershipAccessTest {

    private final MembershipKit kit = new MembershipKit();
    private final MembershipService service = kit.service;
    private final MembershipTypeService catalog = kit.catalog;
    private final RecurringCreditRule rule = RecurringCreditRule.of(4, CreditPeriod.WEEKLY, Period.ofDays(7));
    private final LocalDate today = kit.today();

    private final Client ana = kit.client("Ana");
    private final MembershipType monthly = kit.monthly("Monthly 8", 8);
    private final Membership active = kit.add(ana, monthly, today);
    private final Membership paused = service.pause(OWNER, TENANT, kit.add(ana, monthly, today).id(), 0L);

    private final Client otherClient = kit.client(OTHER_TENANT, "Olga");
    private final MembershipType otherType = kit.type(OTHER_TENANT, "Theirs", rule);
    private final Membership otherActive = kit.add(otherClient, otherType, today);
    private final Membership otherPaused = service.pause(OTHER_OWNER, OTHER_TENANT,
            kit.add(otherClient, otherType, today).id(), 0L);

    /** Every use case that changes something, as {@code actor}. */
    private Map<String, Function<Actor, ThrowingCallable>> changes() {
        Map<String, Function<Actor, ThrowingCallable>> calls = new LinkedHashMap<>();
        calls.put("createType", a -> () -> catalog.createType(a, TENANT, "Brand new", rule));
        calls.put("renameType", a -> () -> catalog.renameType(a, TENANT, monthly.id(),
                kit.typeVersion(monthly.id()), "Renamed"));
        calls.put("disableType", a -> () -> catalog.disableType(a, TENANT, monthly.id()));
        calls.put("enableType", a -> () -> catalog.enableType(a, TENANT, monthly.id()));
        calls.put("addMembership", a -> () -> service.addMembership(a, TENANT, ana.id(), monthly.id(), today));
        calls.put("pause", a -> () -> service.pause(a, TENANT, active.id(), kit.version(active.id())));
        calls.put("resume", a -> () -> service.resume(a, TENANT, paused.id(), kit.version(paused.id())));
        calls.put("cancel", a -> () -> service.cancel(a, TENANT, active.id(), kit.version(active.id())));
        return calls;
    }

    @Test
    void every_change_needs_manage_memberships_and_a_denial_changes_nothing() {
        catalog.disableType(OWNER, TENANT, monthly.id());
        catalog.enableType(OWNER, TENANT, monthly.id());
        List<Actor> denied = List.of(VIEWER, NOBODY, staffWithout("manager-2", Permission.MANAGE_MEMBERSHIPS),
                new Actor.ClientSelf(ana.id()));
        var before = kit.storedState();

        changes().forEach((useCase, call) -> {
            for (Actor actor : denied) {
                assertThatThrownBy(call.apply(actor)).as(useCase + " by " + actor.describe())
                        .isInstanceOfSatisfying(AccessDeniedException.class,
                                e -> assertThat(e.permission()).contains(Permission.MANAGE_MEMBERSHIPS));
            }
        });
        assertThat(kit.storedState()).isEqualTo(before);

        Actor membershipDesk = Actor.Staff.of("desk-1", TENANT, Permission.MANAGE_MEMBERSHIPS);
        changes().forEach((useCase, call) -> assertThat(catchThrowable(call.apply(membershipDesk)))
                .as(useCase).isNull());
    }

    @Test
    void the_catalog_is_listed_to_staff_who_view_clients_or_manage_memberships() {
        assertThat(catalog.listTypes(VIEWER, TENANT)).containsExactly(monthly);
        assertThat(catalog.listTypes(Actor.Staff.of("desk-1", TENANT, Permission.MANAGE_MEMBERSHIPS), TENANT))
                .containsExactly(monthly);

        for (Actor actor : List.of(NOBODY, new Actor.ClientSelf(ana.id()))) {
            assertThatThrownBy(() -> catalog.listTypes(actor, TENANT)).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void a_clients_memberships_are_listed_to_viewers_and_to_the_client_themself_only() {
        Client bo = kit.client("Bo");

        assertThat(service.listForClient(VIEWER, TENANT, ana.id(), PageRequest.first()).items()).hasSize(2);
        assertThat(service.listForClient(new Actor.ClientSelf(ana.id()), TENANT, ana.id(), PageRequest.first()).items())
                .hasSize(2);
        for (Actor actor : List.of(NOBODY, new Actor.ClientSelf(bo.id()))) {
            assertThatThrownBy(() -> service.listForClient(actor, TENANT, ana.id(), PageRequest.first()))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        }
    }

    @Test
    void another_tenants_types_clients_and_memberships_are_not_found_and_nothing_changes() {
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("renameType", () -> catalog.renameType(OWNER, TENANT, otherType.id(),
                kit.typeVersion(otherType.id()), "Mine now"));
        calls.put("disableType", () -> catalog.disableType(OWNER, TENANT, otherType.id()));
        calls.put("enableType", () -> catalog.enableType(OWNER, TENANT, otherType.id()));
        calls.put("addMembership of their type", () -> service.addMembership(OWNER, TENANT, ana.id(),
                otherType.id(), today));
        calls.put("addMembership for their client", () -> service.addMembership(OWNER, TENANT, otherClient.id(),
                monthly.id(), today));
        calls.put("pause", () -> service.pause(OWNER, TENANT, otherActive.id(), kit.version(otherActive.id())));
        calls.put("resume", () -> service.resume(OWNER, TENANT, otherPaused.id(), kit.version(otherPaused.id())));
        calls.put("cancel", () -> service.cancel(OWNER, TENANT, otherActive.id(), kit.version(otherActive.id())));
        calls.put("listForClient", () -> service.listForClient(OWNER, TENANT, otherClient.id(), PageRequest.first()));
        var before = kit.storedState();

        calls.forEach((useCase, call) -> assertThatThrownBy(call).as(useCase)
                .isInstanceOf(NotFoundException.class));

        assertThat(kit.storedState()).isEqualTo(before);
        assertThat(catalog.listTypes(OWNER, TENANT)).extracting(MembershipType::id).containsExactly(monthly.id());
    }

    @Test
    void every_use_case_names_the_field_and_rule_it_refuses_and_changes_nothing() {
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        refusal(calls, expected, "createType", () -> catalog.createType(OWNER, TENANT, " ", rule), "name/required");
        refusal(calls, expected, "renameType", () -> catalog.renameType(OWNER, TENANT, monthly.id(),
                kit.typeVersion(monthly.id()),
                "x".repeat(81)), "name/max_length");
        refusal(calls, expected, "renameType without id", () -> catalog.renameType(OWNER, TENANT, null,
                kit.typeVersion(null), "Yoga"),
                "typeId/required");
        refusal(calls, expected, "enableType", () -> catalog.enableType(OWNER, TENANT, null), "typeId/required");
        refusal(calls, expected, "disableType", () -> catalog.disableType(OWNER, TENANT, null), "typeId/required");
        refusal(calls, expected, "addMembership", () -> service.addMembership(OWNER, TENANT, ana.id(), monthly.id(),
                today.plusYears(2)), "startDate/range");
        refusal(calls, expected, "addMembership without start", () -> service.addMembership(OWNER, TENANT, ana.id(),
                monthly.id(), null), "startDate/required");
        refusal(calls, expected, "addMembership ending early", () -> service.addMembership(OWNER, TENANT, ana.id(),
                monthly.id(), today, today.minusDays(1)), "endDate/range");
        refusal(calls, expected, "addMembership without client", () -> service.addMembership(OWNER, TENANT, null,
                monthly.id(), today), "clientId/required");
        refusal(calls, expected, "pause", () -> service.pause(OWNER, TENANT, null,
                kit.version(null)), "membershipId/required");
        refusal(calls, expected, "resume", () -> service.resume(OWNER, TENANT, null,
                kit.version(null)), "membershipId/required");
        refusal(calls, expected, "cancel", () -> service.cancel(OWNER, TENANT, null,
                kit.version(null)), "membershipId/required");
        refusal(calls, expected, "listForClient", () -> service.listForClient(OWNER, TENANT, null, PageRequest.first()),
                "clientId/required");
        refusal(calls, expected, "listTypes", () -> catalog.listTypes(OWNER, null), "tenantId/required");
        var before = kit.storedState();

        calls.forEach((useCase, call) -> assertThatThrownBy(call).as(useCase)
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field() + "/" + e.rule()).isEqualTo(expected.get(useCase))));

        assertThat(kit.storedState()).isEqualTo(before);
    }

    private static void refusal(Map<String, ThrowingCallable> calls, Map<String, String> expected, String useCase,
            ThrowingCallable call, String fieldAndRule) {
        calls.put(useCase, call);
        expected.put(useCase, fieldAndRule);
    }
}
