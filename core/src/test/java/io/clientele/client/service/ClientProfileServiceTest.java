package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
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
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.LockPolicy;
import io.clientele.client.model.PhoneNumber;
import io.clientele.client.model.TenantSettings;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClientProfileService#create}: normalization of email, phone and language, the rules on
 * every personal-details field, email uniqueness per tenant, permissions and tenancy. Edits live
 * in {@link ClientEditDetailsTest}, viewing in {@link ClientProfileViewTest}, the list in {@link
 * ClientListTest} and counts in {@link ClientCountByStatusTest}.
 */
class ClientProfileServiceTest {

    /** 2026-03-02, the date of {@code MutableClock.standard()}. */
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    static final TenantSettings FRENCH_STUDIO = new TenantSettings(CountryCode.of("FR"),
            List.of(LanguageTag.of("fr"), LanguageTag.of("en")), LockPolicy.DEFAULT);

    private final TestClientele t = new TestClientele();
    private final ClientProfileService clients = t.clientele.clients();

    @BeforeEach
    void french_studio() {
        t.memory.tenantSettings().put(TENANT, FRENCH_STUDIO);
    }

    // ---------------------------------------------------------------- happy path

    @Test
    void create_stores_a_new_unlocked_client_in_status_added_at_version_zero() {
        Client created = clients.create(OWNER, TENANT, ClientDetails.named("Ana", "López")
                .withEmail("ana.lopez@example.com")
                .withPhone("06 12 34 56 78")
                .withBirthDate(LocalDate.of(1990, 5, 17))
                .withPreferredLanguage("fr"));

        assertThat(created.tenantId()).isEqualTo(TENANT);
        assertThat(created.invitationStatus()).isEqualTo(InvitationStatus.ADDED);
        assertThat(created.version()).isZero();
        assertThat(created.locked()).isFalse();
        assertThat(created.erased()).isFalse();
        assertThat(created.createdAt()).isEqualTo(t.clock.instant());
        assertThat(created.updatedAt()).isEqualTo(t.clock.instant());
        assertThat(created.details().name().firstName()).isEqualTo("Ana");
        assertThat(created.details().name().lastName()).isEqualTo("López");
        assertThat(created.details().email()).contains(EmailAddress.of("ana.lopez@example.com"));
        assertThat(created.details().phone()).contains(new PhoneNumber("+33612345678"));
        assertThat(created.details().birthDateValue()).contains(LocalDate.of(1990, 5, 17));
        assertThat(created.details().preferredLanguage()).contains(LanguageTag.of("fr"));
        assertThat(t.reload(created.id())).isEqualTo(created);
    }

    @Test
    void create_with_a_name_only_leaves_every_optional_field_empty() {
        Client created = clients.create(OWNER, TENANT, ClientDetails.named("Ana", "López")
                .withEmail("   ").withPhone(" ").withPreferredLanguage(""));

        assertThat(created.details().email()).isEmpty();
        assertThat(created.details().phone()).isEmpty();
        assertThat(created.details().birthDate()).isEmpty();
        assertThat(created.details().preferredLanguage()).isEmpty();
    }

    @Test
    void names_are_trimmed_and_inner_runs_of_spaces_collapsed() {
        Client created = clients.create(OWNER, TENANT, ClientDetails.named("  Jean   Pierre ", " de  la Cruz "));

        assertThat(created.details().name().firstName()).isEqualTo("Jean Pierre");
        assertThat(created.details().name().lastName()).isEqualTo("de la Cruz");
    }

    @Test
    void create_writes_a_client_created_audit_entry_and_publishes_client_created() {
        t.clock.advance(java.time.Duration.ofMinutes(5));
        Instant now = t.clock.instant();

        Client created = t.ana();

        List<AuditEntry> audit = t.auditTrail(TENANT);
        assertThat(audit).hasSize(1);
        AuditEntry entry = audit.get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.CLIENT_CREATED);
        assertThat(entry.clientId()).isEqualTo(created.id());
        assertThat(entry.actor()).isEqualTo("staff:owner-1");
        assertThat(entry.occurredAt()).isEqualTo(now);
        assertThat(entry.changes()).extracting(FieldChange::field)
                .containsExactly("firstName", "lastName", "email", "phone");
        assertThat(entry.changes()).allSatisfy(change -> assertThat(change.before()).isEmpty());
        assertThat(t.memory.events().events(ClientEvents.ClientCreated.class))
                .containsExactly(new ClientEvents.ClientCreated(TENANT, created.id(), now));
    }

    @Test
    void creation_audit_entry_holds_masked_values_only() {
        t.create(ClientDetails.named("Ana", "López").withEmail("ana.lopez@example.com")
                .withPhone("06 12 34 56 78").withBirthDate(LocalDate.of(1990, 5, 17)));

        AuditEntry entry = t.auditTrail(TENANT).get(0);
        assertThat(entry.changes()).contains(
                new FieldChange("firstName", Optional.empty(), Optional.of("A***"), true),
                new FieldChange("lastName", Optional.empty(), Optional.of("L***"), true),
                new FieldChange("email", Optional.empty(), Optional.of("a***@e***.com"), true),
                new FieldChange("phone", Optional.empty(), Optional.of("+33*******78"), true),
                new FieldChange("birthDate", Optional.empty(), Optional.of("[10 characters]"), true));
        assertThat(entry.toString())
                .doesNotContainIgnoringCase("lópez")
                .doesNotContainIgnoringCase("ana.lopez")
                .doesNotContain("612345678")
                .doesNotContain("1990-05-17");
    }

    // ---------------------------------------------------------------- email

    @Test
    void email_is_stored_trimmed_and_in_lower_case() {
        Client created = t.create(ClientDetails.named("Ana", "López").withEmail("  Ana.Lopez@Example.COM "));

        assertThat(created.details().email()).map(EmailAddress::value).contains("ana.lopez@example.com");
    }

    @Test
    void duplicate_email_is_a_conflict_and_creates_nothing() {
        t.ana();
        StoreSnapshot before = StoreSnapshot.of(t);

        ConflictException conflict = catchThrowableOfType(
                () -> clients.create(OWNER, TENANT, ClientDetails.named("Anita", "Lopez")
                        .withEmail(" ANA.Lopez@EXAMPLE.com ")),
                ConflictException.class);

        assertThat(conflict).isNotNull();
        assertThat(conflict.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
        assertThat(conflict.code()).isEqualTo("conflict.duplicate");
        assertThat(conflict).hasMessageStartingWith("email");
        before.assertUnchangedIn(t);
    }

    @Test
    void the_same_email_is_fine_in_another_tenant() {
        Client ana = t.ana();

        Client other = clients.create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Ana", "Lopez").withEmail("ana.lopez@example.com"));

        assertThat(other.details().email()).isEqualTo(ana.details().email());
        assertThat(clients.get(OTHER_OWNER, OTHER_TENANT, other.id())).isEqualTo(other);
    }

    @Test
    void an_erased_clients_email_can_be_used_by_a_new_client() {
        Client ana = t.ana();
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        Client newcomer = t.create(ClientDetails.named("Ana", "Lopez").withEmail("Ana.Lopez@example.com"));

        assertThat(newcomer.details().email()).map(EmailAddress::value).contains("ana.lopez@example.com");
        assertThat(newcomer.id()).isNotEqualTo(ana.id());
    }

    @Test
    void many_clients_without_an_email_do_not_clash() {
        t.create(ClientDetails.named("Ana", "López"));
        t.create(ClientDetails.named("Bruno", "Martin").withEmail(" "));

        assertThat(clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first()).items()).hasSize(2);
    }

    // ---------------------------------------------------------------- phone

    @ParameterizedTest
    @ValueSource(strings = {"06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "0612345678",
            "+33 6 12 34 56 78", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78"})
    void phone_is_stored_in_e164_reading_national_numbers_with_the_tenants_region(String typed) {
        Client created = t.create(ClientDetails.named("Ana", "López").withPhone(typed));

        assertThat(created.details().phone()).map(PhoneNumber::e164).contains("+33612345678");
    }

    @Test
    void each_tenant_reads_national_numbers_with_its_own_region() {
        // OTHER_TENANT keeps the default region, US: a French national number is no US number
        ValidationException e = catchThrowableOfType(() -> clients.create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Ana", "López").withPhone("06 12 34 56 78")), ValidationException.class);
        Client american = clients.create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Amy", "Smith").withPhone("(415) 555-2671"));
        Client french = t.create(ClientDetails.named("Ana", "López").withPhone("06 12 34 56 78"));

        assertThat(e.field()).isEqualTo("phone");
        assertThat(e.rule()).isEqualTo("invalid_number");
        assertThat(american.details().phone()).map(PhoneNumber::e164).contains("+14155552671");
        assertThat(french.details().phone()).map(PhoneNumber::e164).contains("+33612345678");
    }

    @Test
    void an_international_number_keeps_its_own_country_whatever_the_tenants_region() {
        Client created = t.create(ClientDetails.named("Ana", "López").withPhone("+44 20 7946 0958"));

        assertThat(created.details().phone()).map(PhoneNumber::e164).contains("+442079460958");
    }

    // ---------------------------------------------------------------- birth date

    @Test
    void birth_date_may_be_today_or_exactly_130_years_ago() {
        Client newborn = t.create(ClientDetails.named("Bébé", "Martin").withBirthDate(TODAY));
        Client eldest = t.create(ClientDetails.named("Jeanne", "Calment").withBirthDate(TODAY.minusYears(130)));

        assertThat(newborn.details().birthDateValue()).contains(TODAY);
        assertThat(eldest.details().birthDateValue()).contains(LocalDate.of(1896, 3, 2));
    }

    @Test
    void birth_date_rules_follow_the_injected_clock() {
        LocalDate inTwoMonths = TODAY.plusMonths(2);
        LocalDate oldest = TODAY.minusYears(130);

        ValidationException future = catchThrowableOfType(
                () -> t.create(ClientDetails.named("Ana", "López").withBirthDate(inTwoMonths)),
                ValidationException.class);
        t.clock.set(Instant.parse("2026-05-02T00:00:00Z"));
        Client born = t.create(ClientDetails.named("Ana", "López").withBirthDate(inTwoMonths));
        ValidationException tooOld = catchThrowableOfType(
                () -> t.create(ClientDetails.named("Jeanne", "Calment").withBirthDate(oldest)),
                ValidationException.class);

        assertThat(future.rule()).isEqualTo("not_in_future");
        assertThat(born.details().birthDateValue()).contains(inTwoMonths);
        assertThat(tooOld.rule()).isEqualTo("plausible");
    }

    // ---------------------------------------------------------------- preferred language

    @Test
    void preferred_language_is_normalized_and_must_be_offered_by_the_tenant() {
        Client french = t.create(ClientDetails.named("Ana", "López").withPreferredLanguage("FR"));
        Client english = t.create(ClientDetails.named("Amy", "Smith").withPreferredLanguage("en"));

        assertThat(french.details().preferredLanguage()).contains(LanguageTag.of("fr"));
        assertThat(english.details().preferredLanguage()).map(LanguageTag::value).contains("en");
    }

    @Test
    void a_language_offered_by_another_tenant_only_is_refused() {
        t.memory.tenantSettings().put(OTHER_TENANT, new TenantSettings(CountryCode.of("DE"),
                List.of(LanguageTag.of("de")), LockPolicy.DEFAULT));

        Client german = clients.create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Jonas", "Weber").withPreferredLanguage("de"));

        assertThat(german.details().preferredLanguage()).contains(LanguageTag.of("de"));
        assertThatThrownBy(() -> t.create(ClientDetails.named("Jonas", "Weber").withPreferredLanguage("de")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("preferredLanguage");
                    assertThat(e.rule()).isEqualTo("not_offered");
                });
    }

    // ---------------------------------------------------------------- validation failures

    static Stream<Arguments> invalidDetails() {
        ClientDetails ana = ClientDetails.named("Ana", "López");
        return Stream.of(
                Arguments.of(ClientDetails.named("", "López"), "firstName", "required"),
                Arguments.of(ClientDetails.named("Ana", "   "), "lastName", "required"),
                Arguments.of(ClientDetails.named("Ana2", "López"), "firstName", "characters"),
                Arguments.of(ClientDetails.named("Ana", "---"), "lastName", "characters"),
                Arguments.of(ClientDetails.named("A".repeat(101), "López"), "firstName", "max_length"),
                Arguments.of(ClientDetails.named("Ana", "Ló\npez"), "lastName", "line_break"),
                Arguments.of(ClientDetails.named("\u202EAna", "López"), "firstName", "forbidden_character"),
                Arguments.of(ana.withEmail("ana.lopez@"), "email", "format"),
                Arguments.of(ana.withEmail("ana lopez@example.com"), "email", "format"),
                Arguments.of(ana.withEmail("ana@example"), "email", "format"),
                Arguments.of(ana.withEmail("ana@@example.com"), "email", "format"),
                Arguments.of(ana.withPhone("call me"), "phone", "format"),
                Arguments.of(ana.withPhone("06 12 34"), "phone", "invalid_number"),
                Arguments.of(ana.withPhone("0".repeat(41)), "phone", "max_length"),
                Arguments.of(ana.withBirthDate(TODAY.plusDays(1)), "birthDate", "not_in_future"),
                Arguments.of(ana.withBirthDate(TODAY.minusYears(130).minusDays(1)), "birthDate", "plausible"),
                Arguments.of(ana.withPreferredLanguage("de"), "preferredLanguage", "not_offered"),
                Arguments.of(ana.withPreferredLanguage("en-GB"), "preferredLanguage", "not_offered"),
                Arguments.of(ana.withPreferredLanguage("en_US"), "preferredLanguage", "format"),
                Arguments.of(ana.withPreferredLanguage("123"), "preferredLanguage", "format"),
                Arguments.of(ana.withPreferredLanguage("x-klingon"), "preferredLanguage", "format"));
    }

    @ParameterizedTest(name = "{1} breaks rule {2}")
    @MethodSource("invalidDetails")
    void invalid_details_are_refused_naming_field_and_rule_and_create_nothing(
            ClientDetails input, String field, String rule) {
        t.ana();
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.create(OWNER, TENANT, input))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.code()).isEqualTo("validation");
                });
        before.assertUnchangedIn(t);
    }

    @Test
    void missing_details_are_refused_and_create_nothing() {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.create(OWNER, TENANT, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("details");
                    assertThat(e.rule()).isEqualTo("required");
                });
        before.assertUnchangedIn(t);
    }

    @Test
    void a_missing_actor_or_tenant_is_refused_and_creates_nothing() {
        ClientDetails ana = ClientDetails.named("Ana", "López");
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.create(null, TENANT, ana))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("actor");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.create(OWNER, null, ana))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("tenantId");
                    assertThat(e.rule()).isEqualTo("required");
                });
        before.assertUnchangedIn(t);
    }

    @Test
    void the_rejection_message_does_not_repeat_the_rejected_email() {
        assertThatThrownBy(() -> t.create(ClientDetails.named("Ana", "López").withEmail("ana.lopez@@example.com")))
                .isInstanceOf(ValidationException.class)
                .hasMessageNotContaining("ana.lopez");
    }

    // ---------------------------------------------------------------- permissions

    static Stream<Actor> actorsWhoMayNotCreate() {
        return Stream.of(VIEWER, NOBODY, staffWithout("no-edit", Permission.EDIT_CLIENTS),
                new Actor.ClientSelf(new ClientId(UUID.randomUUID())));
    }

    @ParameterizedTest
    @MethodSource("actorsWhoMayNotCreate")
    void creating_requires_edit_clients_and_a_denial_creates_nothing(Actor actor) {
        t.ana();
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.create(actor, TENANT, ClientDetails.named("Bruno", "Martin")))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.permission()).contains(Permission.EDIT_CLIENTS);
                    assertThat(e.code()).isEqualTo("access_denied");
                });
        before.assertUnchangedIn(t);
    }

    @Test
    void staff_without_edit_locked_clients_may_still_create() {
        Client created = clients.create(MANAGER, TENANT, ClientDetails.named("Bruno", "Martin"));

        assertThat(t.reload(created.id()).details().name().lastName()).isEqualTo("Martin");
        assertThat(t.auditTrail(TENANT)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("staff:manager-1"));
    }

    // ---------------------------------------------------------------- tenancy

    @Test
    void a_client_created_in_another_tenant_is_invisible_to_this_tenant() {
        Client mine = t.ana();

        Client theirs = clients.create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Bruno", "Martin"));

        assertThat(clients.list(OWNER, TENANT, ClientQuery.all().includingErased(), PageRequest.first()).items())
                .extracting(ClientSummary::id).containsExactly(mine.id());
        assertThat(clients.list(OTHER_OWNER, OTHER_TENANT, ClientQuery.all(), PageRequest.first()).items())
                .extracting(ClientSummary::id).containsExactly(theirs.id());
        assertThatThrownBy(() -> clients.get(OWNER, TENANT, theirs.id())).isInstanceOf(NotFoundException.class);
        assertThat(t.auditTrail(TENANT)).extracting(AuditEntry::clientId).containsExactly(mine.id());
        assertThat(t.auditTrail(OTHER_TENANT)).extracting(AuditEntry::clientId)
                .containsExactly(theirs.id());
    }
}
