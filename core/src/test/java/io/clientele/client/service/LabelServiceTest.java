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

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.Label;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelServiceTest {

    private final TestClientele t = new TestClientele();
    private final LabelService labels = t.clientele.labels();

    @Nested
    class Catalog {

        @Test
        void the_catalog_is_listed_sorted_by_name_ignoring_case() {
            labels.create(OWNER, TENANT, "yoga");
            labels.create(OWNER, TENANT, "VIP");
            labels.create(OWNER, TENANT, "Morning");

            assertThat(labels.list(VIEWER, TENANT, PageRequest.first()).items()).extracting(l -> l.name().value())
                    .containsExactly("Morning", "VIP", "yoga");
        }

        @Test
        void a_created_label_belongs_to_its_tenant_and_starts_at_version_zero() {
            Label vip = labels.create(OWNER, TENANT, "  VIP   Gold ");

            assertThat(vip.tenantId()).isEqualTo(TENANT);
            assertThat(vip.version()).isZero();
            assertThat(vip.name().value()).as("trimmed, inner spaces collapsed").isEqualTo("VIP Gold");
            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(vip);
        }

        @Test
        void renaming_keeps_the_id_and_assignments_and_bumps_the_version() {
            Client ana = t.ana();
            Label vip = labels.create(OWNER, TENANT, "VIP");
            labels.assign(OWNER, TENANT, ana.id(), vip.id());

            Label renamed = labels.rename(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()), "Gold");

            assertThat(renamed.id()).isEqualTo(vip.id());
            assertThat(renamed.name().value()).isEqualTo("Gold");
            assertThat(renamed.version()).isEqualTo(1);
            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(renamed);
            assertThat(t.reload(ana.id()).labels()).containsExactly(vip.id());
        }

        @Test
        void a_label_may_be_renamed_to_its_own_name_in_another_case() {
            Label vip = labels.create(OWNER, TENANT, "vip");

            Label renamed = labels.rename(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()), "VIP");

            assertThat(renamed.name().value()).isEqualTo("VIP");
        }

        @Test
        void names_are_unique_per_tenant_ignoring_case() {
            Label vip = labels.create(OWNER, TENANT, "VIP");

            ConflictException e = catchThrowableOfType(() -> labels.create(OWNER, TENANT, "vip"),
                    ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(e.getMessage()).startsWith("name:");
            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(vip);
        }

        @Test
        void renaming_to_the_name_of_another_label_is_a_duplicate_and_changes_nothing() {
            labels.create(OWNER, TENANT, "VIP");
            Label gold = labels.create(OWNER, TENANT, "Gold");

            assertThatThrownBy(() -> labels.rename(OWNER, TENANT, gold.id(), t.labelVersion(gold.id()), "Vip"))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));

            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).extracting(l -> l.name().value())
                    .containsExactly("Gold", "VIP");
            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).contains(gold);
        }

        @Test
        void the_same_name_may_be_used_in_another_tenant() {
            Label here = labels.create(OWNER, TENANT, "VIP");

            Label there = labels.create(OTHER_OWNER, OTHER_TENANT, "vip");

            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(here);
            assertThat(labels.list(OTHER_OWNER, OTHER_TENANT, PageRequest.first()).items()).containsExactly(there);
        }

        @Test
        void deleting_removes_the_label_from_the_catalog() {
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Label gold = labels.create(OWNER, TENANT, "Gold");

            labels.delete(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()));

            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(gold);
        }

        @Test
        void a_deleted_name_can_be_used_again() {
            Label vip = labels.create(OWNER, TENANT, "VIP");
            labels.delete(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()));

            Label again = labels.create(OWNER, TENANT, "VIP");

            assertThat(again.id()).isNotEqualTo(vip.id());
            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(again);
        }

        @Test
        void renaming_or_deleting_an_unknown_label_is_not_found() {
            Label vip = labels.create(OWNER, TENANT, "VIP");
            labels.delete(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()));

            assertThatThrownBy(() -> labels.rename(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()), "Gold"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> labels.delete(OWNER, TENANT, vip.id(), t.labelVersion(vip.id())))
                    .isInstanceOf(NotFoundException.class);
        }

        @Test
        void a_label_of_another_tenant_cannot_be_renamed_or_deleted() {
            Label theirs = labels.create(OTHER_OWNER, OTHER_TENANT, "VIP");

            assertThatThrownBy(() -> labels.rename(OWNER, TENANT, theirs.id(), t.labelVersion(theirs.id()), "Mine"))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("label"));
            assertThatThrownBy(() -> labels.delete(OWNER, TENANT, theirs.id(), t.labelVersion(theirs.id())))
                    .isInstanceOf(NotFoundException.class);

            assertThat(labels.list(OTHER_OWNER, OTHER_TENANT, PageRequest.first()).items()).containsExactly(theirs);
        }
    }

    @Nested
    class Assignment {

        @Test
        void assigning_a_label_puts_it_on_the_client_and_audits_the_label_name() {
            Client ana = t.ana();
            Label vip = labels.create(OWNER, TENANT, "VIP");

            Client assigned = labels.assign(MANAGER, TENANT, ana.id(), vip.id());

            assertThat(assigned.labels()).containsExactly(vip.id());
            assertThat(assigned.version()).isEqualTo(ana.version() + 1);
            assertThat(t.reload(ana.id()).labels()).containsExactly(vip.id());
            AuditEntry entry = t.lastAudit(AuditAction.LABEL_ASSIGNED);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.changes())
                    .containsExactly(new FieldChange("label", Optional.empty(), Optional.of("VIP")));
        }

        @Test
        void assigned_clients_are_found_by_the_label_filter() {
            Client ana = t.ana();
            t.create(ClientDetails.named("Bea", "Moreau"));
            Label vip = labels.create(OWNER, TENANT, "VIP");

            labels.assign(OWNER, TENANT, ana.id(), vip.id());

            assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all().withLabel(vip.id()),
                    PageRequest.first()).items()).extracting(ClientSummary::id).containsExactly(ana.id());
        }

        @Test
        void assigning_an_assigned_label_changes_nothing() {
            Client ana = t.ana();
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Client once = labels.assign(OWNER, TENANT, ana.id(), vip.id());
            Map<String, List<String>> before = t.storedState();

            Client twice = labels.assign(OWNER, TENANT, ana.id(), vip.id());

            assertThat(twice).isEqualTo(once);
            assertThat(t.storedState()).isEqualTo(before);
            assertThat(t.auditEntries(AuditAction.LABEL_ASSIGNED)).hasSize(1);
        }

        @Test
        void unassigning_removes_the_label_and_audits_the_label_name() {
            Client ana = t.ana();
            Label vip = labels.create(OWNER, TENANT, "VIP");
            labels.assign(OWNER, TENANT, ana.id(), vip.id());

            Client unassigned = labels.unassign(OWNER, TENANT, ana.id(), vip.id());

            assertThat(unassigned.labels()).isEmpty();
            assertThat(t.reload(ana.id()).labels()).isEmpty();
            AuditEntry entry = t.lastAudit(AuditAction.LABEL_UNASSIGNED);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.changes())
                    .containsExactly(new FieldChange("label", Optional.of("VIP"), Optional.empty()));
        }

        @Test
        void unassigning_a_label_the_client_does_not_have_changes_nothing() {
            Client ana = t.ana();
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Map<String, List<String>> before = t.storedState();

            Client result = labels.unassign(OWNER, TENANT, ana.id(), vip.id());

            assertThat(result.version()).isEqualTo(ana.version());
            assertThat(t.storedState()).isEqualTo(before);
            assertThat(t.auditEntries(AuditAction.LABEL_UNASSIGNED)).isEmpty();
        }

        @Test
        void labels_stay_assignable_on_a_locked_profile_without_the_edit_locked_permission() {
            Client ana = t.ana();
            t.clientele.locks().lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
            Label vip = labels.create(OWNER, TENANT, "VIP");

            Client assigned = labels.assign(MANAGER, TENANT, ana.id(), vip.id());

            assertThat(assigned.locked()).isTrue();
            assertThat(assigned.labels()).containsExactly(vip.id());
        }

        @Test
        void deleting_a_label_unassigns_it_from_every_client_with_an_audit_entry_each() {
            Client ana = t.ana();
            Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
            Client cyd = t.create(ClientDetails.named("Cyd", "Nolan"));
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Label gold = labels.create(OWNER, TENANT, "Gold");
            labels.assign(OWNER, TENANT, ana.id(), vip.id());
            labels.assign(OWNER, TENANT, bea.id(), vip.id());
            labels.assign(OWNER, TENANT, bea.id(), gold.id());
            labels.assign(OWNER, TENANT, cyd.id(), gold.id());

            labels.delete(MANAGER, TENANT, vip.id(), t.labelVersion(vip.id()));

            assertThat(t.reload(ana.id()).labels()).isEmpty();
            assertThat(t.reload(bea.id()).labels()).containsExactly(gold.id());
            assertThat(t.reload(cyd.id()).labels()).containsExactly(gold.id());
            List<AuditEntry> unassigned = t.auditEntries(AuditAction.LABEL_UNASSIGNED);
            assertThat(unassigned).extracting(AuditEntry::clientId).containsExactlyInAnyOrder(ana.id(), bea.id());
            assertThat(unassigned).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo(MANAGER.describe());
                assertThat(e.changes()).containsExactly(
                        new FieldChange("label", Optional.of("VIP"), Optional.empty()));
            });
            assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all().withLabel(vip.id()),
                    PageRequest.first()).items()).isEmpty();
        }

        @Test
        void deleting_a_label_publishes_a_client_update_for_each_client_it_was_taken_from() {
            Client ana = t.ana();
            Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
            t.create(ClientDetails.named("Cyd", "Nolan"));
            Label vip = labels.create(OWNER, TENANT, "VIP");
            labels.assign(OWNER, TENANT, ana.id(), vip.id());
            labels.assign(OWNER, TENANT, bea.id(), vip.id());
            int before = t.memory.events().events().size();

            labels.delete(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()));

            assertThat(t.memory.events().events().subList(before, t.memory.events().events().size()))
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(ClientEvents.ClientUpdated.class,
                            u -> assertThat(u.change()).isEqualTo("LABEL_UNASSIGNED")))
                    .extracting(e -> ((ClientEvents.ClientUpdated) e).clientId())
                    .containsExactlyInAnyOrder(ana.id(), bea.id());
        }

        @Test
        void deleting_a_label_leaves_the_same_label_id_of_other_tenants_clients_alone() {
            Client ana = t.ana();
            Client theirs = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Ana", "Other"));
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Label theirVip = labels.create(OTHER_OWNER, OTHER_TENANT, "VIP");
            labels.assign(OWNER, TENANT, ana.id(), vip.id());
            labels.assign(OTHER_OWNER, OTHER_TENANT, theirs.id(), theirVip.id());

            labels.delete(OWNER, TENANT, vip.id(), t.labelVersion(vip.id()));

            assertThat(t.clientele.clients().get(OTHER_OWNER, OTHER_TENANT, theirs.id()).labels())
                    .containsExactly(theirVip.id());
            assertThat(t.auditTrail(OTHER_TENANT)).extracting(AuditEntry::action)
                    .doesNotContain(AuditAction.LABEL_UNASSIGNED);
        }

        @Test
        void assigning_a_label_of_another_tenant_is_not_found_and_changes_nothing() {
            Client ana = t.ana();
            Label theirs = labels.create(OTHER_OWNER, OTHER_TENANT, "VIP");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> labels.assign(OWNER, TENANT, ana.id(), theirs.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("label"));

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_client_of_another_tenant_is_not_found() {
            Client ana = t.ana();
            Label theirs = labels.create(OTHER_OWNER, OTHER_TENANT, "VIP");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> labels.assign(OTHER_OWNER, OTHER_TENANT, ana.id(), theirs.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("client"));
            assertThatThrownBy(() -> labels.unassign(OTHER_OWNER, OTHER_TENANT, ana.id(), theirs.id()))
                    .isInstanceOf(NotFoundException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void an_erased_client_takes_no_label() {
            Client ana = t.ana();
            Label vip = labels.create(OWNER, TENANT, "VIP");
            t.clientele.erasure().erase(OWNER, TENANT, ana.id());
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> labels.assign(OWNER, TENANT, ana.id(), vip.id()))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));

            assertThat(t.storedState()).isEqualTo(before);
        }
    }

    @Nested
    class Validation {

        static Stream<Arguments> badNames() {
            return Stream.of(
                    Arguments.of("", "required"),
                    Arguments.of("   ", "required"),
                    Arguments.of("x".repeat(81), "max_length"),
                    Arguments.of("VIP\nGold", "line_break"),
                    Arguments.of("VIP\r\nGold", "line_break"),
                    Arguments.of("VIP\u2028Gold", "line_break"),
                    Arguments.of("VIP\u0007", "forbidden_character"));
        }

        @ParameterizedTest
        @MethodSource("badNames")
        void a_bad_name_is_refused_on_create_naming_field_and_rule_and_changes_nothing(String name, String rule) {
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> labels.create(OWNER, TENANT, name),
                    ValidationException.class);

            assertThat(e.field()).isEqualTo("name");
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @ParameterizedTest
        @MethodSource("badNames")
        void a_bad_name_is_refused_on_rename_and_changes_nothing(String name, String rule) {
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> labels.rename(OWNER, TENANT, vip.id(),
                    t.labelVersion(vip.id()), name),
                    ValidationException.class);

            assertThat(e.field()).isEqualTo("name");
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
            assertThat(labels.list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(vip);
        }

        @Test
        void a_name_of_exactly_eighty_characters_is_accepted() {
            Label label = labels.create(OWNER, TENANT, "x".repeat(80));

            assertThat(label.name().value()).hasSize(80);
        }
    }

    @Nested
    class Permissions {

        @Test
        void a_viewer_cannot_change_the_catalog_or_assign_labels() {
            Client ana = t.ana();
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> labels.create(VIEWER, TENANT, "Gold")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> labels.rename(VIEWER, TENANT, vip.id(), t.labelVersion(vip.id()), "Gold"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> labels.delete(VIEWER, TENANT, vip.id(), t.labelVersion(vip.id())))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> labels.assign(VIEWER, TENANT, ana.id(), vip.id()))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
            assertThatThrownBy(() -> labels.unassign(VIEWER, TENANT, ana.id(), vip.id()))
                    .isInstanceOf(AccessDeniedException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_viewer_can_list_the_catalog() {
            Label vip = labels.create(OWNER, TENANT, "VIP");

            assertThat(labels.list(VIEWER, TENANT, PageRequest.first()).items()).containsExactly(vip);
        }

        @Test
        void staff_without_any_permission_cannot_list_the_catalog() {
            labels.create(OWNER, TENANT, "VIP");

            assertThatThrownBy(() -> labels.list(NOBODY, TENANT, PageRequest.first()).items())
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        }

        @Test
        void a_denial_does_not_reveal_whether_the_client_exists() {
            Label vip = labels.create(OWNER, TENANT, "VIP");
            Client ana = t.ana();
            ClientId unknown = new ClientId(UUID.randomUUID());

            assertThatThrownBy(() -> labels.assign(VIEWER, TENANT, ana.id(), vip.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> labels.assign(VIEWER, TENANT, unknown, vip.id()))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }
}
