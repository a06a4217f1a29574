package io.clientele.client.service;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.GroupId;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GroupServiceTest {

    private final TestClientele t = new TestClientele();
    private final GroupService groups = t.clientele.groups();

    @Nested
    class Catalog {

        @Test
        void a_created_group_records_its_tenant_name_and_creation_time() {
            t.clock.advance(Duration.ofDays(1));

            ClientGroup group = groups.create(MANAGER, TENANT, " Morning   yoga ");

            assertThat(group.tenantId()).isEqualTo(TENANT);
            assertThat(group.name().value()).isEqualTo("Morning yoga");
            assertThat(group.createdAt()).isEqualTo(t.clock.instant());
            assertThat(group.version()).isZero();
            assertThat(groups.list(VIEWER, TENANT, PageRequest.first()).items()).containsExactly(group);
        }

        @Test
        void groups_are_listed_sorted_by_name_ignoring_case() {
            groups.create(OWNER, TENANT, "pilates");
            groups.create(OWNER, TENANT, "Morning yoga");
            groups.create(OWNER, TENANT, "Aqua");

            assertThat(groups.list(OWNER, TENANT, PageRequest.first()).items()).extracting(g -> g.name().value())
                    .containsExactly("Aqua", "Morning yoga", "pilates");
        }

        @Test
        void renaming_keeps_the_id_and_members_and_bumps_the_version() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            groups.addMember(OWNER, TENANT, ana.id(), yoga.id());

            ClientGroup renamed = groups.rename(MANAGER, TENANT, yoga.id(), t.groupVersion(yoga.id()), "Morning yoga");

            assertThat(renamed.id()).isEqualTo(yoga.id());
            assertThat(renamed.name().value()).isEqualTo("Morning yoga");
            assertThat(renamed.createdAt()).isEqualTo(yoga.createdAt());
            assertThat(renamed.version()).isEqualTo(1);
            assertThat(groups.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(renamed);
            assertThat(t.reload(ana.id()).groups()).containsExactly(yoga.id());
        }

        @Test
        void names_are_unique_per_tenant_ignoring_case() {
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");

            ConflictException e = catchThrowableOfType(() -> groups.create(OWNER, TENANT, "YOGA"),
                    ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(e.getMessage()).startsWith("name:");
            assertThat(groups.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(yoga);
        }

        @Test
        void renaming_to_the_name_of_another_group_is_a_duplicate_and_changes_nothing() {
            groups.create(OWNER, TENANT, "Yoga");
            ClientGroup pilates = groups.create(OWNER, TENANT, "Pilates");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> groups.rename(OWNER, TENANT, pilates.id(), t.groupVersion(pilates.id()), "yoga"))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_group_may_be_renamed_to_its_own_name_in_another_case() {
            ClientGroup yoga = groups.create(OWNER, TENANT, "yoga");

            assertThat(groups.rename(OWNER, TENANT, yoga.id(),
                    t.groupVersion(yoga.id()), "Yoga").name().value()).isEqualTo("Yoga");
        }

        @Test
        void the_same_name_may_be_used_in_another_tenant() {
            ClientGroup here = groups.create(OWNER, TENANT, "Yoga");

            ClientGroup there = groups.create(OTHER_OWNER, OTHER_TENANT, "yoga");

            assertThat(groups.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(here);
            assertThat(groups.list(OTHER_OWNER, OTHER_TENANT, PageRequest.first()).items()).containsExactly(there);
        }

        @Test
        void renaming_or_deleting_an_unknown_group_is_not_found() {
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            groups.delete(OWNER, TENANT, yoga.id(), t.groupVersion(yoga.id()));

            assertThatThrownBy(() -> groups.rename(OWNER, TENANT, yoga.id(), t.groupVersion(yoga.id()), "Pilates"))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("group"));
            assertThatThrownBy(() -> groups.delete(OWNER, TENANT, yoga.id(),
                    t.groupVersion(yoga.id()))).isInstanceOf(NotFoundException.class);
            assertThat(groups.list(OWNER, TENANT, PageRequest.first()).items()).isEmpty();
        }

        @Test
        void a_group_of_another_tenant_cannot_be_renamed_or_deleted() {
            ClientGroup theirs = groups.create(OTHER_OWNER, OTHER_TENANT, "Yoga");

            assertThatThrownBy(() -> groups.rename(OWNER, TENANT, theirs.id(), t.groupVersion(theirs.id()), "Mine"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> groups.delete(OWNER, TENANT, theirs.id(), t.groupVersion(theirs.id())))
                    .isInstanceOf(NotFoundException.class);

            assertThat(groups.list(OTHER_OWNER, OTHER_TENANT, PageRequest.first()).items()).containsExactly(theirs);
        }
    }

    @Nested
    class Members {

        @Test
        void adding_a_member_puts_the_group_on_the_client_audits_the_group_name_and_publishes_an_update() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");

            Client member = groups.addMember(MANAGER, TENANT, ana.id(), yoga.id());

            assertThat(member.groups()).containsExactly(yoga.id());
            assertThat(member.version()).isEqualTo(ana.version() + 1);
            assertThat(t.reload(ana.id()).groups()).containsExactly(yoga.id());
            AuditEntry entry = t.lastAudit(AuditAction.GROUP_JOINED);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.changes())
                    .containsExactly(new FieldChange("group", Optional.empty(), Optional.of("Yoga")));
            assertThat(t.memory.events().events(ClientEvents.ClientUpdated.class))
                    .extracting(ClientEvents.ClientUpdated::clientId, ClientEvents.ClientUpdated::change)
                    .contains(tuple(ana.id(), "GROUP_JOINED"));
        }

        @Test
        void adding_a_member_twice_changes_nothing() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            Client once = groups.addMember(OWNER, TENANT, ana.id(), yoga.id());
            Map<String, List<String>> before = t.storedState();

            Client twice = groups.addMember(OWNER, TENANT, ana.id(), yoga.id());

            assertThat(twice).isEqualTo(once);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void removing_a_member_takes_the_group_off_the_client_and_audits_the_group_name() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            groups.addMember(OWNER, TENANT, ana.id(), yoga.id());

            Client left = groups.removeMember(MANAGER, TENANT, ana.id(), yoga.id());

            assertThat(left.groups()).isEmpty();
            assertThat(t.reload(ana.id()).groups()).isEmpty();
            AuditEntry entry = t.lastAudit(AuditAction.GROUP_LEFT);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.changes())
                    .containsExactly(new FieldChange("group", Optional.of("Yoga"), Optional.empty()));
        }

        @Test
        void removing_a_non_member_changes_nothing() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            Map<String, List<String>> before = t.storedState();

            Client result = groups.removeMember(OWNER, TENANT, ana.id(), yoga.id());

            assertThat(result.version()).isEqualTo(ana.version());
            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void the_client_list_filtered_by_group_shows_exactly_its_members() {
            Client ana = t.ana();
            Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
            t.create(ClientDetails.named("Cyd", "Nolan"));
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            ClientGroup pilates = groups.create(OWNER, TENANT, "Pilates");
            groups.addMember(OWNER, TENANT, ana.id(), yoga.id());
            groups.addMember(OWNER, TENANT, bea.id(), yoga.id());
            groups.addMember(OWNER, TENANT, bea.id(), pilates.id());

            assertThat(members(yoga.id())).containsExactly(ana.id(), bea.id());
            assertThat(members(pilates.id())).containsExactly(bea.id());

            groups.removeMember(OWNER, TENANT, ana.id(), yoga.id());

            assertThat(members(yoga.id())).containsExactly(bea.id());
        }

        @Test
        void membership_stays_open_on_a_locked_profile() {
            Client ana = t.ana();
            t.clientele.locks().lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");

            Client member = groups.addMember(MANAGER, TENANT, ana.id(), yoga.id());

            assertThat(member.locked()).isTrue();
            assertThat(member.groups()).containsExactly(yoga.id());
        }

        @Test
        void deleting_a_group_removes_every_member_with_an_audit_entry_each() {
            Client ana = t.ana();
            Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
            Client cyd = t.create(ClientDetails.named("Cyd", "Nolan"));
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            ClientGroup pilates = groups.create(OWNER, TENANT, "Pilates");
            groups.addMember(OWNER, TENANT, ana.id(), yoga.id());
            groups.addMember(OWNER, TENANT, bea.id(), yoga.id());
            groups.addMember(OWNER, TENANT, bea.id(), pilates.id());
            groups.addMember(OWNER, TENANT, cyd.id(), pilates.id());

            groups.delete(MANAGER, TENANT, yoga.id(), t.groupVersion(yoga.id()));

            assertThat(groups.list(OWNER, TENANT, PageRequest.first()).items()).extracting(ClientGroup::id)
                    .containsExactly(pilates.id());
            assertThat(t.reload(ana.id()).groups()).isEmpty();
            assertThat(t.reload(bea.id()).groups()).containsExactly(pilates.id());
            assertThat(t.reload(cyd.id()).groups()).containsExactly(pilates.id());
            List<AuditEntry> left = t.auditEntries(TENANT, AuditAction.GROUP_LEFT);
            assertThat(left).extracting(AuditEntry::clientId).containsExactlyInAnyOrder(ana.id(), bea.id());
            assertThat(left).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo(MANAGER.describe());
                assertThat(e.changes())
                        .containsExactly(new FieldChange("group", Optional.of("Yoga"), Optional.empty()));
            });
            assertThat(members(yoga.id())).isEmpty();
            assertThat(members(pilates.id())).containsExactly(bea.id(), cyd.id());
        }

        @Test
        void deleting_a_group_publishes_a_client_update_for_each_former_member() {
            Client ana = t.ana();
            Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
            t.create(ClientDetails.named("Cyd", "Nolan"));
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            groups.addMember(OWNER, TENANT, ana.id(), yoga.id());
            groups.addMember(OWNER, TENANT, bea.id(), yoga.id());
            int before = t.memory.events().events().size();

            groups.delete(OWNER, TENANT, yoga.id(), t.groupVersion(yoga.id()));

            assertThat(t.memory.events().events().subList(before, t.memory.events().events().size()))
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(ClientEvents.ClientUpdated.class,
                            u -> assertThat(u.change()).isEqualTo("GROUP_LEFT")))
                    .extracting(e -> ((ClientEvents.ClientUpdated) e).clientId())
                    .containsExactlyInAnyOrder(ana.id(), bea.id());
        }

        @Test
        void deleting_a_group_leaves_other_tenants_alone() {
            Client theirs = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Dan", "Other"));
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            ClientGroup theirYoga = groups.create(OTHER_OWNER, OTHER_TENANT, "Yoga");
            groups.addMember(OTHER_OWNER, OTHER_TENANT, theirs.id(), theirYoga.id());

            groups.delete(OWNER, TENANT, yoga.id(), t.groupVersion(yoga.id()));

            assertThat(groups.list(OTHER_OWNER, OTHER_TENANT, PageRequest.first()).items()).containsExactly(theirYoga);
            assertThat(t.clientele.clients().get(OTHER_OWNER, OTHER_TENANT, theirs.id()).groups())
                    .containsExactly(theirYoga.id());
            assertThat(t.auditEntries(OTHER_TENANT, AuditAction.GROUP_LEFT)).isEmpty();
        }

        @Test
        void a_group_of_another_tenant_is_not_found_and_nothing_changes() {
            Client ana = t.ana();
            ClientGroup theirs = groups.create(OTHER_OWNER, OTHER_TENANT, "Yoga");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> groups.addMember(OWNER, TENANT, ana.id(), theirs.id()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("group"));
            assertThatThrownBy(() -> groups.removeMember(OWNER, TENANT, ana.id(), theirs.id()))
                    .isInstanceOf(NotFoundException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_client_of_another_tenant_is_not_found_and_nothing_changes() {
            Client ana = t.ana();
            ClientGroup theirs = groups.create(OTHER_OWNER, OTHER_TENANT, "Yoga");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> groups.addMember(OTHER_OWNER, OTHER_TENANT, ana.id(), theirs.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("client"));
            assertThatThrownBy(() -> groups.removeMember(OTHER_OWNER, OTHER_TENANT, ana.id(), theirs.id()))
                    .isInstanceOf(NotFoundException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void an_erased_client_cannot_join() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            t.clientele.erasure().erase(OWNER, TENANT, ana.id());
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> groups.addMember(OWNER, TENANT, ana.id(), yoga.id()))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void erasure_takes_the_client_out_of_its_groups() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            groups.addMember(OWNER, TENANT, ana.id(), yoga.id());

            t.clientele.erasure().erase(OWNER, TENANT, ana.id());

            assertThat(t.reload(ana.id()).groups()).isEmpty();
            assertThat(members(yoga.id())).isEmpty();
        }
    }

    @Nested
    class Validation {

        static Stream<Arguments> badNames() {
            return Stream.of(
                    Arguments.of("", "required"),
                    Arguments.of(" \t ", "required"),
                    Arguments.of("y".repeat(81), "max_length"),
                    Arguments.of("Morning\nyoga", "line_break"),
                    Arguments.of("Morning\u0085yoga", "line_break"),
                    Arguments.of("Morning\u202Eyoga", "forbidden_character"));
        }

        @ParameterizedTest
        @MethodSource("badNames")
        void a_bad_name_is_refused_on_create_naming_field_and_rule_and_changes_nothing(String name, String rule) {
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> groups.create(OWNER, TENANT, name),
                    ValidationException.class);

            assertThat(e.field()).isEqualTo("name");
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @ParameterizedTest
        @MethodSource("badNames")
        void a_bad_name_is_refused_on_rename_and_changes_nothing(String name, String rule) {
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> groups.rename(OWNER, TENANT, yoga.id(),
                    t.groupVersion(yoga.id()), name),
                    ValidationException.class);

            assertThat(e.field()).isEqualTo("name");
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
        }
    }

    @Nested
    class Permissions {

        @Test
        void a_viewer_cannot_change_groups_or_members() {
            Client ana = t.ana();
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> groups.create(VIEWER, TENANT, "Pilates"))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
            assertThatThrownBy(() -> groups.rename(VIEWER, TENANT, yoga.id(), t.groupVersion(yoga.id()), "Pilates"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> groups.delete(VIEWER, TENANT, yoga.id(), t.groupVersion(yoga.id())))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> groups.addMember(VIEWER, TENANT, ana.id(), yoga.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> groups.removeMember(VIEWER, TENANT, ana.id(), yoga.id()))
                    .isInstanceOf(AccessDeniedException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_viewer_can_list_groups() {
            ClientGroup yoga = groups.create(OWNER, TENANT, "Yoga");

            assertThat(groups.list(VIEWER, TENANT, PageRequest.first()).items()).containsExactly(yoga);
        }

        @Test
        void staff_without_any_permission_cannot_list_groups() {
            groups.create(OWNER, TENANT, "Yoga");

            assertThatThrownBy(() -> groups.list(NOBODY, TENANT, PageRequest.first()).items())
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        }
    }

    private List<ClientSummary> page(GroupId group) {
        return t.clientele.clients().list(OWNER, TENANT, ClientQuery.all().withGroup(group), PageRequest.first())
                .items();
    }

    private List<ClientId> members(GroupId group) {
        return page(group).stream().map(ClientSummary::id).toList();
    }
}
