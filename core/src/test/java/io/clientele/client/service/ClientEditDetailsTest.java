package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.client.service.ClientProfileServiceTest.FRENCH_STUDIO;
import static io.clientele.client.service.ClientProfileServiceTest.TODAY;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.PhoneNumber;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ClientProfileService#editDetails}: replacing personal details with optimistic locking. */
class ClientEditDetailsTest {

    private final TestClientele t = new TestClientele();
    private final ClientProfileService clients = t.clientele.clients();
    private Client ana;

    @BeforeEach
    void ana_in_a_french_studio() {
        t.memory.tenantSettings().put(TENANT, FRENCH_STUDIO);
        ana = t.create(ClientDetails.named("Ana", "López").withEmail("ana.lopez@example.com")
                .withPhone("06 12 34 56 78").withPreferredLanguage("fr"));
        t.clock.advance(Duration.ofHours(1));
    }

    private static ClientDetails anaMarried() {
        return ClientDetails.named("Ana", "Martin").withEmail("ana.martin@example.org")
                .withPhone("06 12 34 56 78").withPreferredLanguage("fr");
    }

    private List<AuditEntry> auditOf(ClientId id) {
        return t.auditTrail(TENANT).stream().filter(e -> e.clientId().equals(id)).toList();
    }

    // ---------------------------------------------------------------- happy path

    @Test
    void edit_replaces_the_details_and_bumps_the_version() {
        Client edited = clients.editDetails(OWNER, TENANT, ana.id(), 0, ClientDetails.named("Anna", "Martin")
                .withEmail("Anna.Martin@Example.org ")
                .withPhone("07 81 22 33 44")
                .withBirthDate(LocalDate.of(1990, 5, 17))
                .withPreferredLanguage("EN"));

        assertThat(edited.version()).isEqualTo(1);
        assertThat(edited.details().name().firstName()).isEqualTo("Anna");
        assertThat(edited.details().name().lastName()).isEqualTo("Martin");
        assertThat(edited.details().email()).contains(EmailAddress.of("anna.martin@example.org"));
        assertThat(edited.details().phone()).contains(new PhoneNumber("+33781223344"));
        assertThat(edited.details().birthDateValue()).contains(LocalDate.of(1990, 5, 17));
        assertThat(edited.details().preferredLanguage()).contains(LanguageTag.of("en"));
        assertThat(edited.updatedAt()).isEqualTo(t.clock.instant());
        assertThat(edited.createdAt()).isEqualTo(ana.createdAt());
        assertThat(t.reload(ana.id())).isEqualTo(edited);
    }

    @Test
    void each_edit_needs_the_version_the_previous_edit_returned() {
        Client first = clients.editDetails(OWNER, TENANT, ana.id(), ana.version(), anaMarried());
        Client second = clients.editDetails(OWNER, TENANT, ana.id(), first.version(),
                anaMarried().withPhone("07 81 22 33 44"));

        assertThat(second.version()).isEqualTo(2);
        assertThat(t.reload(ana.id()).details().phone()).map(PhoneNumber::e164).contains("+33781223344");
    }

    @Test
    void edit_writes_a_details_changed_audit_entry_with_the_changed_fields_only_and_publishes_client_updated() {
        Instant now = t.clock.instant();

        clients.editDetails(OWNER, TENANT, ana.id(), 0, anaMarried());

        List<AuditEntry> audit = auditOf(ana.id());
        assertThat(audit).extracting(AuditEntry::action)
                .containsExactly(AuditAction.CLIENT_CREATED, AuditAction.DETAILS_CHANGED);
        AuditEntry entry = audit.get(1);
        assertThat(entry.actor()).isEqualTo("staff:owner-1");
        assertThat(entry.occurredAt()).isEqualTo(now);
        assertThat(entry.changes()).containsExactly(
                new FieldChange("lastName", Optional.of("L***"), Optional.of("M***"), true),
                new FieldChange("email", Optional.of("a***@e***.com"), Optional.of("a***@e***.org"), true));
        assertThat(t.memory.events().events(ClientEvents.ClientUpdated.class))
                .containsExactly(new ClientEvents.ClientUpdated(TENANT, ana.id(), "DETAILS_CHANGED", now));
    }

    @Test
    void details_changed_audit_entry_never_holds_the_clear_values() {
        clients.editDetails(OWNER, TENANT, ana.id(), 0, ClientDetails.named("Zoé", "Martin")
                .withEmail("zoe.martin@example.org").withPhone("07 81 22 33 44")
                .withBirthDate(LocalDate.of(1990, 5, 17)));

        AuditEntry entry = auditOf(ana.id()).get(1);
        assertThat(entry.action()).isEqualTo(AuditAction.DETAILS_CHANGED);
        assertThat(entry.toString())
                .doesNotContainIgnoringCase("Martin")
                .doesNotContainIgnoringCase("zoe.martin@example.org")
                .doesNotContainIgnoringCase("Zoé")
                .doesNotContainIgnoringCase("López")
                .doesNotContainIgnoringCase("ana.lopez@example.com")
                .doesNotContain("781223344")
                .doesNotContain("612345678")
                .doesNotContain("1990-05-17");
    }

    @Test
    void a_change_whose_masks_are_equal_is_still_recorded_as_a_change() {
        clients.editDetails(OWNER, TENANT, ana.id(), 0, ClientDetails.named("Ana", "Lópes")
                .withEmail("ana.lopez@example.com").withPhone("06 12 34 56 78").withPreferredLanguage("fr"));

        assertThat(auditOf(ana.id()).get(1).changes())
                .containsExactly(new FieldChange("lastName", Optional.of("L***"), Optional.of("L*** (changed)"), true));
    }

    @Test
    void removing_optional_fields_is_recorded_as_a_change_to_no_value() {
        Client edited = clients.editDetails(OWNER, TENANT, ana.id(), 0, ClientDetails.named("Ana", "López"));

        assertThat(edited.details().email()).isEmpty();
        assertThat(edited.details().phone()).isEmpty();
        assertThat(edited.details().preferredLanguage()).isEmpty();
        assertThat(auditOf(ana.id()).get(1).changes()).containsExactly(
                new FieldChange("email", Optional.of("a***@e***.com"), Optional.empty(), true),
                new FieldChange("phone", Optional.of("+33*******78"), Optional.empty(), true),
                new FieldChange("preferredLanguage", Optional.of("fr"), Optional.empty()));
    }

    @Test
    void editing_with_the_same_details_changes_nothing() {
        StoreSnapshot before = StoreSnapshot.of(t);

        Client result = clients.editDetails(OWNER, TENANT, ana.id(), 0, ClientDetails.named(" Ana ", "López")
                .withEmail("ANA.LOPEZ@example.com").withPhone("+33 6 12 34 56 78").withPreferredLanguage("FR"));

        assertThat(result).isEqualTo(ana);
        before.assertUnchangedIn(t);
    }

    // ---------------------------------------------------------------- optimistic locking

    @Test
    void a_stale_expected_version_is_a_conflict_and_changes_nothing() {
        Client first = clients.editDetails(OWNER, TENANT, ana.id(), 0, anaMarried());
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, ana.id(), 0,
                ClientDetails.named("Ana", "Dubois")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION);
                    assertThat(e.code()).isEqualTo("conflict.stale_version");
                });
        assertThat(t.reload(ana.id())).isEqualTo(first);
        before.assertUnchangedIn(t);
    }

    @Test
    void a_version_from_the_future_is_a_conflict_too() {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, ana.id(), 7, anaMarried()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        before.assertUnchangedIn(t);
    }

    // ---------------------------------------------------------------- email uniqueness

    @Test
    void taking_another_clients_email_is_a_conflict_and_changes_nothing() {
        t.create(ClientDetails.named("Bruno", "Martin").withEmail("bruno@studio.fr"));
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, ana.id(), 0,
                ClientDetails.named("Ana", "López").withEmail("Bruno@Studio.FR")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
        assertThat(t.reload(ana.id())).isEqualTo(ana);
        before.assertUnchangedIn(t);
    }

    @Test
    void keeping_ones_own_email_is_no_conflict() {
        Client edited = clients.editDetails(OWNER, TENANT, ana.id(), 0, ClientDetails.named("Ana", "López")
                .withEmail("Ana.Lopez@Example.com").withPhone("07 81 22 33 44"));

        assertThat(edited.version()).isEqualTo(1);
        assertThat(edited.details().email()).map(EmailAddress::value).contains("ana.lopez@example.com");
    }

    @Test
    void an_erased_clients_email_can_be_taken_by_an_edit() {
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin").withEmail("bruno@studio.fr"));
        t.clientele.erasure().erase(OWNER, TENANT, bruno.id());

        Client edited = clients.editDetails(OWNER, TENANT, ana.id(), 0,
                ClientDetails.named("Ana", "López").withEmail("bruno@studio.fr"));

        assertThat(edited.details().email()).map(EmailAddress::value).contains("bruno@studio.fr");
    }

    @Test
    void an_email_used_in_another_tenant_can_be_taken() {
        clients.create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Bruno", "Martin").withEmail("bruno@studio.fr"));

        Client edited = clients.editDetails(OWNER, TENANT, ana.id(), 0,
                ClientDetails.named("Ana", "López").withEmail("bruno@studio.fr"));

        assertThat(edited.details().email()).map(EmailAddress::value).contains("bruno@studio.fr");
    }

    // ---------------------------------------------------------------- validation failures

    static Stream<Arguments> invalidDetails() {
        return ClientProfileServiceTest.invalidDetails();
    }

    @ParameterizedTest(name = "{1} breaks rule {2}")
    @MethodSource("invalidDetails")
    void invalid_details_are_refused_naming_field_and_rule_and_change_nothing(
            ClientDetails input, String field, String rule) {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, ana.id(), 0, input))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                });
        assertThat(t.reload(ana.id())).isEqualTo(ana);
        before.assertUnchangedIn(t);
    }

    @Test
    void missing_arguments_are_refused_naming_the_field_and_change_nothing() {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, ana.id(), 0, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("details");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, null, 0, anaMarried()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("clientId");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.editDetails(OWNER, null, ana.id(), 0, anaMarried()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("tenantId");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.editDetails(null, TENANT, ana.id(), 0, anaMarried()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("actor");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThat(t.reload(ana.id())).isEqualTo(ana);
        before.assertUnchangedIn(t);
    }

    // ---------------------------------------------------------------- permissions

    static Stream<Actor> actorsWhoMayNotEdit() {
        return Stream.of(VIEWER, NOBODY, staffWithout("no-edit", Permission.EDIT_CLIENTS),
                new Actor.ClientSelf(new ClientId(UUID.randomUUID())));
    }

    @ParameterizedTest
    @MethodSource("actorsWhoMayNotEdit")
    void editing_requires_edit_clients_and_a_denial_changes_nothing(Actor actor) {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(actor, TENANT, ana.id(), 0, anaMarried()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
        assertThat(t.reload(ana.id())).isEqualTo(ana);
        before.assertUnchangedIn(t);
    }

    @Test
    void a_client_can_edit_their_own_details() {
        Actor self = new Actor.ClientSelf(ana.id());

        Client edited = clients.editDetails(self, TENANT, ana.id(), 0, anaMarried());

        assertThat(edited.details().name().lastName()).isEqualTo("Martin");
        assertThat(auditOf(ana.id()).get(1).actor()).isEqualTo("client:" + ana.id().value());
    }

    @Test
    void a_client_cannot_edit_another_clients_details() {
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(new Actor.ClientSelf(bruno.id()), TENANT, ana.id(), 0,
                anaMarried()))
                .isInstanceOf(AccessDeniedException.class);
        before.assertUnchangedIn(t);
    }

    @Test
    void a_locked_profile_is_edited_only_by_staff_holding_edit_locked_clients() {
        Client locked = t.clientele.locks().lock(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(MANAGER, TENANT, ana.id(), locked.version(), anaMarried()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.EDIT_LOCKED_CLIENTS));
        assertThatThrownBy(() -> clients.editDetails(new Actor.ClientSelf(ana.id()), TENANT, ana.id(),
                locked.version(), anaMarried()))
                .isInstanceOf(AccessDeniedException.class);
        before.assertUnchangedIn(t);

        Client edited = clients.editDetails(OWNER, TENANT, ana.id(), locked.version(), anaMarried());

        assertThat(edited.details().name().lastName()).isEqualTo("Martin");
        assertThat(edited.locked()).isTrue();
    }

    // ---------------------------------------------------------------- tenancy and state

    @Test
    void editing_another_tenants_client_is_not_found_and_changes_nothing() {
        // valid in the other tenant too (default settings), so only the tenant check can refuse it
        ClientDetails valid = ClientDetails.named("Ana", "Martin").withEmail("ana.martin@example.org");
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(OTHER_OWNER, OTHER_TENANT, ana.id(), 0, valid))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.resource()).isEqualTo("client");
                    assertThat(e.id()).isEqualTo(ana.id().toString());
                });
        assertThatThrownBy(() -> clients.editDetails(new Actor.ClientSelf(ana.id()), OTHER_TENANT,
                ana.id(), 0, valid))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.reload(ana.id())).isEqualTo(ana);
        before.assertUnchangedIn(t);
    }

    @Test
    void editing_an_unknown_client_is_not_found() {
        ClientId unknown = new ClientId(UUID.randomUUID());

        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, unknown, 0, anaMarried()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void an_erased_client_cannot_be_edited() {
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());
        Client erased = t.reload(ana.id());
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, ana.id(), erased.version(), anaMarried()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));
        before.assertUnchangedIn(t);
    }

    @Test
    void birth_date_on_edit_is_checked_against_the_injected_clock() {
        assertThatThrownBy(() -> clients.editDetails(OWNER, TENANT, ana.id(), 0,
                anaMarried().withBirthDate(TODAY.plusDays(10))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.rule()).isEqualTo("not_in_future"));

        t.clock.advance(Duration.ofDays(10));
        Client edited = clients.editDetails(OWNER, TENANT, ana.id(), 0, anaMarried().withBirthDate(TODAY.plusDays(10)));

        assertThat(edited.details().birthDateValue()).contains(TODAY.plusDays(10));
    }
}
