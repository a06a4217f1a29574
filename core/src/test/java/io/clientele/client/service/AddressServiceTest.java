package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.lastAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Address;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.Client;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.PostalAddress;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
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
import org.junit.jupiter.params.provider.ValueSource;

class AddressServiceTest {

    private static final AddressInput LYON = new AddressInput("12 Rue Mercière", Optional.of("Bâtiment B"), "69002",
            "Lyon", Optional.of("Rhône"), "FR");
    private static final AddressInput BERLIN = AddressInput.of("Torstraße 5", "10119", "Berlin", "DE");

    private final TestClientele t = new TestClientele();
    private final AddressService addresses = t.clientele.addresses();
    private final Client ana = t.ana();

    @Nested
    class Lifecycle {

        @Test
        void an_added_address_is_stored_on_the_client_with_a_new_id() {
            Address added = lastAddress(addresses.add(MANAGER, TENANT, ana.id(), LYON));

            assertThat(added.postal()).isEqualTo(new PostalAddress("12 Rue Mercière", Optional.of("Bâtiment B"),
                    "69002", "Lyon", Optional.of("Rhône"), CountryCode.of("FR")));
            Client stored = t.reload(ana.id());
            assertThat(stored.addresses()).containsExactly(added);
            assertThat(stored.version()).isEqualTo(ana.version() + 1);
        }

        @Test
        void addresses_keep_the_order_they_were_added_in() {
            Address first = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Address second = lastAddress(addresses.add(OWNER, TENANT, ana.id(), BERLIN));

            assertThat(t.reload(ana.id()).addresses()).containsExactly(first, second);
            assertThat(first.id()).isNotEqualTo(second.id());
        }

        @Test
        void editing_replaces_the_address_in_place_and_keeps_its_id() {
            Address first = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Address second = lastAddress(addresses.add(OWNER, TENANT, ana.id(), BERLIN));

            Address edited = addresses.edit(MANAGER, TENANT, ana.id(), first.id(), t.clientVersion(ana.id()),
                    AddressInput.of("3 Place Bellecour", "69002", "Lyon", "fr")).address(first.id()).orElseThrow();

            assertThat(edited.id()).isEqualTo(first.id());
            assertThat(edited.postal().line1()).isEqualTo("3 Place Bellecour");
            assertThat(edited.postal().line2()).as("line 2 left out of the edit").isEmpty();
            assertThat(t.reload(ana.id()).addresses()).containsExactly(edited, second);
        }

        @Test
        void editing_with_the_same_values_changes_nothing() {
            Address first = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Map<String, List<String>> before = t.storedState();

            Address same = addresses.edit(OWNER, TENANT, ana.id(), first.id(), t.clientVersion(ana.id()),
                    LYON).address(first.id()).orElseThrow();

            assertThat(same).isEqualTo(first);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void removing_deletes_only_that_address() {
            Address first = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Address second = lastAddress(addresses.add(OWNER, TENANT, ana.id(), BERLIN));

            Client after = addresses.remove(MANAGER, TENANT, ana.id(), first.id(), t.clientVersion(ana.id()));

            assertThat(after.addresses()).containsExactly(second);
            assertThat(t.reload(ana.id()).addresses()).containsExactly(second);
        }

        @Test
        void an_unknown_address_id_is_not_found_on_edit_and_remove() {
            addresses.add(OWNER, TENANT, ana.id(), LYON);
            AddressId unknown = new AddressId(UUID.randomUUID());
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> addresses.edit(OWNER, TENANT, ana.id(), unknown,
                    t.clientVersion(ana.id()), BERLIN))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("address"));
            assertThatThrownBy(() -> addresses.remove(OWNER, TENANT, ana.id(), unknown, t.clientVersion(ana.id())))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("address"));

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void an_address_of_another_client_is_not_found() {
            Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
            Address beas = lastAddress(addresses.add(OWNER, TENANT, bea.id(), BERLIN));
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> addresses.edit(OWNER, TENANT, ana.id(), beas.id(),
                    t.clientVersion(ana.id()), LYON))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> addresses.remove(OWNER, TENANT, ana.id(), beas.id(), t.clientVersion(ana.id())))
                    .isInstanceOf(NotFoundException.class);

            assertThat(t.storedState()).isEqualTo(before);
            assertThat(t.reload(bea.id()).addresses()).containsExactly(beas);
        }

        @Test
        void a_client_has_at_most_ten_addresses() {
            for (int i = 1; i <= 10; i++) {
                addresses.add(OWNER, TENANT, ana.id(), AddressInput.of(i + " Rue Mercière", "69002", "Lyon", "FR"));
            }
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> addresses.add(OWNER, TENANT, ana.id(), BERLIN),
                    ValidationException.class);

            assertThat(e.rule()).isEqualTo("max_size");
            assertThat(t.reload(ana.id()).addresses()).hasSize(10);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void an_address_can_be_added_again_after_one_of_ten_is_removed() {
            Address first = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            for (int i = 2; i <= 10; i++) {
                addresses.add(OWNER, TENANT, ana.id(), AddressInput.of(i + " Rue Mercière", "69002", "Lyon", "FR"));
            }
            addresses.remove(OWNER, TENANT, ana.id(), first.id(), t.clientVersion(ana.id()));

            Address eleventh = lastAddress(addresses.add(OWNER, TENANT, ana.id(), BERLIN));

            assertThat(t.reload(ana.id()).addresses()).hasSize(10).contains(eleventh).doesNotContain(first);
        }

        @Test
        void an_erased_client_takes_no_address() {
            t.clientele.erasure().erase(OWNER, TENANT, ana.id());
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> addresses.add(OWNER, TENANT, ana.id(), LYON))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));

            assertThat(t.storedState()).isEqualTo(before);
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(strings = {"fr", "Fr", " fr "})
        void a_country_code_in_lower_or_mixed_case_is_accepted_and_upper_cased(String country) {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), AddressInput.of("1 Rue Mercière",
                    "69002", "Lyon",
                    country)));

            assertThat(added.postal().country().value()).isEqualTo("FR");
        }

        @ParameterizedTest
        @ValueSource(strings = {"XX", "FRA", "F", "1A", "ZZ"})
        void a_country_that_is_not_an_iso_3166_alpha_2_code_is_refused_and_changes_nothing(String country) {
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> addresses.add(OWNER, TENANT, ana.id(),
                    AddressInput.of("1 Rue Mercière", "69002", "Lyon", country)), ValidationException.class);

            assertThat(e.field()).isEqualTo("address.country");
            assertThat(e.rule()).isEqualTo("iso_3166");
            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_blank_country_is_required() {
            ValidationException e = catchThrowableOfType(() -> addresses.add(OWNER, TENANT, ana.id(),
                    AddressInput.of("1 Rue Mercière", "69002", "Lyon", " ")), ValidationException.class);

            assertThat(e.field()).isEqualTo("address.country");
            assertThat(e.rule()).isEqualTo("required");
        }

        static Stream<Arguments> badParts() {
            return Stream.of(
                    Arguments.of(AddressInput.of("", "69002", "Lyon", "FR"), "address.line1", "required"),
                    Arguments.of(AddressInput.of("   ", "69002", "Lyon", "FR"), "address.line1", "required"),
                    Arguments.of(AddressInput.of("1 Rue Mercière", "69002", "", "FR"), "address.city", "required"),
                    Arguments.of(AddressInput.of("1 Rue Mercière", "69002", " ", "FR"), "address.city", "required"),
                    Arguments.of(AddressInput.of("1 Rue\nMercière", "69002", "Lyon", "FR"), "address.line1",
                            "line_break"),
                    Arguments.of(AddressInput.of("x".repeat(201), "69002", "Lyon", "FR"), "address.line1",
                            "max_length"),
                    Arguments.of(AddressInput.of("1 Rue Mercière", "69002", "x".repeat(101), "FR"), "address.city",
                            "max_length"),
                    Arguments.of(AddressInput.of("1 Rue Mercière", "6".repeat(21), "Lyon", "FR"),
                            "address.postalCode", "max_length"));
        }

        @ParameterizedTest
        @MethodSource("badParts")
        void a_bad_part_is_refused_on_add_naming_field_and_rule_and_changes_nothing(AddressInput input, String field,
                String rule) {
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> addresses.add(OWNER, TENANT, ana.id(), input),
                    ValidationException.class);

            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
        }

        @ParameterizedTest
        @MethodSource("badParts")
        void a_bad_part_is_refused_on_edit_and_changes_nothing(AddressInput input, String field, String rule) {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(
                    () -> addresses.edit(OWNER, TENANT, ana.id(), added.id(),
                            t.clientVersion(ana.id()), input), ValidationException.class);

            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(t.storedState()).isEqualTo(before);
            assertThat(t.reload(ana.id()).addresses()).containsExactly(added);
        }

        @Test
        void an_edit_to_an_invalid_country_is_refused_and_changes_nothing() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Map<String, List<String>> before = t.storedState();

            ValidationException e = catchThrowableOfType(() -> addresses.edit(OWNER, TENANT, ana.id(), added.id(),
                    t.clientVersion(ana.id()),
                    AddressInput.of("1 Rue Mercière", "69002", "Lyon", "FRA")), ValidationException.class);

            assertThat(e.field()).isEqualTo("address.country");
            assertThat(e.rule()).isEqualTo("iso_3166");
            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_blank_line_two_and_region_are_dropped() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(),
                    new AddressInput("1 Rue Mercière", Optional.of("  "), "69002", "Lyon", Optional.of(""), "FR")));

            assertThat(added.postal().line2()).isEmpty();
            assertThat(added.postal().region()).isEmpty();
        }
    }

    @Nested
    class Permissions {

        @Test
        void a_viewer_cannot_add_edit_or_remove_addresses() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> addresses.add(VIEWER, TENANT, ana.id(), BERLIN))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
            assertThatThrownBy(() -> addresses.edit(VIEWER, TENANT, ana.id(), added.id(),
                    t.clientVersion(ana.id()), BERLIN))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> addresses.remove(VIEWER, TENANT, ana.id(), added.id(), t.clientVersion(ana.id())))
                    .isInstanceOf(AccessDeniedException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }

        @Test
        void a_locked_profile_takes_address_changes_only_from_staff_who_may_edit_locked_profiles() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            t.clientele.locks().lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> addresses.add(MANAGER, TENANT, ana.id(), BERLIN))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.EDIT_LOCKED_CLIENTS));
            assertThatThrownBy(() -> addresses.edit(MANAGER, TENANT, ana.id(), added.id(),
                    t.clientVersion(ana.id()), BERLIN))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> addresses.remove(MANAGER, TENANT, ana.id(), added.id(), t.clientVersion(ana.id())))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(t.storedState()).isEqualTo(before);

            Address byOwner = lastAddress(addresses.add(OWNER, TENANT, ana.id(), BERLIN));
            assertThat(t.reload(ana.id()).addresses()).containsExactly(added, byOwner);
        }
    }

    @Nested
    class Tenancy {

        @Test
        void a_client_of_another_tenant_is_not_found() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));
            Map<String, List<String>> before = t.storedState();

            assertThatThrownBy(() -> addresses.add(OTHER_OWNER, OTHER_TENANT, ana.id(), BERLIN))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.resource()).isEqualTo("client"));
            assertThatThrownBy(() -> addresses.edit(OTHER_OWNER, OTHER_TENANT, ana.id(), added.id(),
                    t.clientVersion(ana.id()), BERLIN))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> addresses.remove(OTHER_OWNER, OTHER_TENANT, ana.id(), added.id(),
                    t.clientVersion(ana.id())))
                    .isInstanceOf(NotFoundException.class);

            assertThat(t.storedState()).isEqualTo(before);
        }
    }

    @Nested
    class Audit {

        @Test
        void adding_is_audited_with_the_country_in_clear_and_every_other_part_masked() {
            addresses.add(MANAGER, TENANT, ana.id(), LYON);

            AuditEntry entry = t.lastAudit(AuditAction.ADDRESS_ADDED);
            assertThat(entry.clientId()).isEqualTo(ana.id());
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.changes()).contains(
                    new FieldChange("address.country", Optional.empty(), Optional.of("FR")),
                    new FieldChange("address.line1", Optional.empty(), Optional.of("[15 characters]"), true),
                    new FieldChange("address.city", Optional.empty(), Optional.of("[4 characters]"), true));
            assertThat(entry.changes()).extracting(FieldChange::field).contains("address.line2",
                    "address.postalCode", "address.region");
            assertNoAddressInClear(entry);
        }

        @Test
        void editing_is_audited_masked_with_both_countries_in_clear() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));

            addresses.edit(MANAGER, TENANT, ana.id(), added.id(), t.clientVersion(ana.id()), BERLIN);

            AuditEntry entry = t.lastAudit(AuditAction.ADDRESS_EDITED);
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.changes()).contains(new FieldChange("address.country", Optional.of("FR"),
                    Optional.of("DE")));
            assertNoAddressInClear(entry);
        }

        @Test
        void an_edit_of_the_city_only_is_recorded_even_when_the_masks_are_equal() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));

            addresses.edit(OWNER, TENANT, ana.id(), added.id(),
                    t.clientVersion(ana.id()), new AddressInput(LYON.line1(), LYON.line2(),
                    LYON.postalCode(), "Nice", LYON.region(), LYON.country()));

            AuditEntry entry = t.lastAudit(AuditAction.ADDRESS_EDITED);
            assertThat(entry.changes()).extracting(FieldChange::field).containsExactly("address.city");
            assertThat(entry.toString()).doesNotContain("Nice").doesNotContain("Lyon");
        }

        @Test
        void removing_is_audited_without_the_address_in_clear() {
            Address added = lastAddress(addresses.add(OWNER, TENANT, ana.id(), LYON));

            addresses.remove(MANAGER, TENANT, ana.id(), added.id(), t.clientVersion(ana.id()));

            AuditEntry entry = t.lastAudit(AuditAction.ADDRESS_REMOVED);
            assertThat(entry.actor()).isEqualTo(MANAGER.describe());
            assertThat(entry.changes()).contains(new FieldChange("address.country", Optional.of("FR"),
                    Optional.empty()));
            assertNoAddressInClear(entry);
        }

        private void assertNoAddressInClear(AuditEntry entry) {
            assertThat(entry.toString()).doesNotContain("Mercière", "Bâtiment", "69002", "Lyon", "Rhône",
                    "Torstraße", "10119", "Berlin");
        }
    }
}
