package io.clientele.client.service;

import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteText;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.ClientId;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.profile.service.ProfileService;
import io.clientele.profile.service.ProfileView;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Viewing one client: {@link ClientProfileService#get} and the whole profile of {@link
 * io.clientele.profile.service.ProfileService#view} (which replaced the thin {@code
 * clients().profile()}), its access rules and its labels, groups and notes sections.
 */
class ClientProfileViewTest {

    private final TestClientele t = new TestClientele();
    private final ClientProfileService clients = t.clientele.clients();
    private final ProfileService profiles = t.clientele.profiles();
    private Client ana;

    @BeforeEach
    void ana() {
        ana = t.ana();
    }

    // ---------------------------------------------------------------- happy path

    @Test
    void profile_shows_the_client_with_its_labels_groups_and_notes_newest_first() {
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        Label beginner = t.clientele.labels().create(OWNER, TENANT, "Beginner");
        t.clientele.labels().create(OWNER, TENANT, "Unused");
        ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
        t.clientele.groups().create(OWNER, TENANT, "Evening pilates");
        t.clientele.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        t.clientele.labels().assign(OWNER, TENANT, ana.id(), beginner.id());
        t.clientele.groups().addMember(OWNER, TENANT, ana.id(), yoga.id());
        Note first = t.clientele.notes().add(OWNER, TENANT, ana.id(), "Knee injury in 2024");
        t.clock.advance(Duration.ofMinutes(1));
        Note second = t.clientele.notes().add(OWNER, TENANT, ana.id(), "Prefers mornings");

        ProfileView profile = profiles.view(VIEWER, TENANT, ana.id());

        assertThat(profile.client()).isEqualTo(t.reload(ana.id()));
        assertThat(profile.labels().content().orElseThrow()).extracting(l -> l.name().value())
                .containsExactly("Beginner", "VIP");
        assertThat(profile.groups().content().orElseThrow()).extracting(ClientGroup::id).containsExactly(yoga.id());
        assertThat(profile.notes().content().orElseThrow().items()).extracting(Note::id)
                .containsExactly(second.id(), first.id());
        assertThat(profile.notes().content().orElseThrow().items()).extracting(Note::text)
                .containsExactly(new NoteText("Prefers mornings"), new NoteText("Knee injury in 2024"));
    }

    @Test
    void profile_shows_nothing_of_other_clients() {
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
        t.clientele.labels().assign(OWNER, TENANT, bruno.id(), vip.id());
        t.clientele.groups().addMember(OWNER, TENANT, bruno.id(), yoga.id());
        t.clientele.notes().add(OWNER, TENANT, bruno.id(), "Bruno's note");

        ProfileView profile = profiles.view(OWNER, TENANT, ana.id());

        assertThat(profile.client().id()).isEqualTo(ana.id());
        assertThat(profile.labels().content().orElseThrow()).isEmpty();
        assertThat(profile.groups().content().orElseThrow()).isEmpty();
        assertThat(profile.notes().content().orElseThrow().items()).isEmpty();
    }

    @Test
    void get_returns_the_stored_client() {
        Client got = clients.get(VIEWER, TENANT, ana.id());

        assertThat(got).isEqualTo(ana);
        assertThat(got.details().email()).map(e -> e.value()).contains("ana.lopez@example.com");
    }

    @Test
    void an_erased_client_can_still_be_viewed_and_reads_as_anonymous() {
        t.clientele.notes().add(OWNER, TENANT, ana.id(), "Prefers mornings");
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        ProfileView profile = profiles.view(OWNER, TENANT, ana.id());
        Client got = clients.get(OWNER, TENANT, ana.id());

        assertThat(profile.client()).isEqualTo(got);
        assertThat(got.erased()).isTrue();
        assertThat(got.details().name().fullName()).isEqualTo("Erased Client");
        assertThat(got.details().email()).isEmpty();
        assertThat(got.details().phone()).isEmpty();
        assertThat(profile.notes().content().orElseThrow().items()).isEmpty();
    }

    @Test
    void viewing_writes_nothing() {
        StoreSnapshot before = StoreSnapshot.of(t);

        profiles.view(OWNER, TENANT, ana.id());
        clients.get(OWNER, TENANT, ana.id());

        before.assertUnchangedIn(t);
    }

    // ---------------------------------------------------------------- validation failures

    @Test
    void a_missing_client_id_is_refused_naming_the_field() {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> profiles.view(OWNER, TENANT, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("clientId");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.get(OWNER, TENANT, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("clientId");
                    assertThat(e.rule()).isEqualTo("required");
                });
        before.assertUnchangedIn(t);
    }

    @Test
    void a_missing_actor_or_tenant_is_refused_naming_the_field() {
        assertThatThrownBy(() -> profiles.view(null, TENANT, ana.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("actor");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.get(null, TENANT, ana.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("actor"));
        assertThatThrownBy(() -> profiles.view(OWNER, null, ana.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("tenantId");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.get(OWNER, null, ana.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("tenantId"));
    }

    @Test
    void a_malformed_client_id_from_a_url_is_refused_before_any_lookup() {
        assertThatThrownBy(() -> profiles.view(OWNER, TENANT, ClientId.parse("not-a-uuid")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("clientId");
                    assertThat(e.rule()).isEqualTo("format");
                });
        assertThat(clients.get(OWNER, TENANT, ClientId.parse(ana.id().toString()))).isEqualTo(ana);
    }

    // ---------------------------------------------------------------- permissions

    static Stream<Actor> actorsWhoMayNotView() {
        return Stream.of(NOBODY, staffWithout("no-view", Permission.VIEW_CLIENTS),
                new Actor.ClientSelf(new ClientId(UUID.randomUUID())));
    }

    @ParameterizedTest
    @MethodSource("actorsWhoMayNotView")
    void viewing_requires_view_clients(Actor actor) {
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> profiles.view(actor, TENANT, ana.id()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        assertThatThrownBy(() -> clients.get(actor, TENANT, ana.id()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        before.assertUnchangedIn(t);
    }

    @Test
    void a_client_can_view_their_own_profile_but_not_another_clients() {
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        Actor anaHerself = new Actor.ClientSelf(ana.id());

        assertThat(profiles.view(anaHerself, TENANT, ana.id()).client()).isEqualTo(ana);
        assertThat(clients.get(anaHerself, TENANT, ana.id())).isEqualTo(ana);
        assertThatThrownBy(() -> profiles.view(anaHerself, TENANT, bruno.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> clients.get(anaHerself, TENANT, bruno.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    // ---------------------------------------------------------------- tenancy

    @Test
    void another_tenants_client_is_not_found() {
        assertThatThrownBy(() -> profiles.view(OTHER_OWNER, OTHER_TENANT, ana.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.resource()).isEqualTo("client");
                    assertThat(e.id()).isEqualTo(ana.id().toString());
                });
        assertThatThrownBy(() -> clients.get(OTHER_OWNER, OTHER_TENANT, ana.id()))
                .isInstanceOf(NotFoundException.class);
        Actor anaHerself = new Actor.ClientSelf(ana.id());
        assertThatThrownBy(() -> profiles.view(anaHerself, OTHER_TENANT, ana.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void an_unknown_client_is_not_found() {
        ClientId unknown = new ClientId(UUID.randomUUID());

        assertThatThrownBy(() -> profiles.view(OWNER, TENANT, unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> clients.get(OWNER, TENANT, unknown)).isInstanceOf(NotFoundException.class);
    }
}
