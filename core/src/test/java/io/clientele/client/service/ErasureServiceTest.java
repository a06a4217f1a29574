package io.clientele.client.service;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.lastAddress;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.memory.RecordingBookingAnonymizer;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.Label;
import io.clientele.client.model.NoteId;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.PhotoRef;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.profile.service.ProfileView;
import io.clientele.testing.Images;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErasureServiceTest {

    private final TestClientele t = new TestClientele();
    private final ErasureService erasure = t.clientele.erasure();

    /** A client with something in every section. */
    record Full(Client client, PhotoRef photo, AddressId address, NoteId note, Label label,
            ClientGroup group) {
    }

    private static Full fullClient(Clientele c) {
        Client ana = c.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López")
                .withEmail("ana.lopez@example.com").withPhone("+33 6 12 34 56 78")
                .withBirthDate(LocalDate.of(1990, 4, 12)));
        PhotoRef photo = c.photos().upload(OWNER, TENANT, ana.id(), ana.version(),
                new ByteArrayInputStream(Images.jpeg())).photo().orElseThrow();
        AddressId address = lastAddress(c.addresses().add(OWNER, TENANT, ana.id(),
                AddressInput.of("12 Rue Oberkampf", "75011", "Paris", "FR"))).id();
        c.passes().link(OWNER, TENANT, ana.id(), "CARD-1");
        Label vip = c.labels().create(OWNER, TENANT, "VIP");
        c.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        ClientGroup morning = c.groups().create(OWNER, TENANT, "Morning");
        c.groups().addMember(OWNER, TENANT, ana.id(), morning.id());
        NoteId note = c.notes().add(OWNER, TENANT, ana.id(), "Prefers the quiet room").id();
        c.notes().add(OWNER, TENANT, ana.id(), "Knee injury in 2024");
        return new Full(c.clients().get(OWNER, TENANT, ana.id()), photo, address, note, vip, morning);
    }

    @Test
    void erasing_anonymizes_the_profile_and_drops_every_section() {
        Full full = fullClient(t.clientele);
        t.clock.advance(Duration.ofHours(1));

        erasure.erase(OWNER, TENANT, full.client().id());

        Client erased = t.reload(full.client().id());
        assertThat(erased.erased()).isTrue();
        assertThat(erased.erasedAt()).contains(t.clock.instant());
        assertThat(erased.details()).isEqualTo(PersonalDetails.ERASED);
        assertThat(erased.details().email()).isEmpty();
        assertThat(erased.details().phone()).isEmpty();
        assertThat(erased.details().birthDate()).isEmpty();
        assertThat(erased.photo()).isEmpty();
        assertThat(erased.addresses()).isEmpty();
        assertThat(erased.passes()).isEmpty();
        assertThat(erased.labels()).isEmpty();
        assertThat(erased.groups()).isEmpty();
        assertThat(erased.locked()).isFalse();
        assertThat(erased.version()).isEqualTo(full.client().version() + 1);
        assertThat(t.memory.photos().load(TENANT, full.photo().key())).as("photo bytes").isEmpty();
        assertThat(t.memory.photos().size()).isZero();
        assertThat(t.memory.notes().listForClient(TENANT, erased.id())).isEmpty();
    }

    @Test
    void erasing_tells_the_booking_system_publishes_client_erased_and_writes_an_erased_audit_entry() {
        Full full = fullClient(t.clientele);
        ClientId id = full.client().id();

        erasure.erase(MANAGER, TENANT, id);

        assertThat(t.memory.bookings().calls()).containsExactly(new RecordingBookingAnonymizer.Anonymized(TENANT, id));
        assertThat(t.memory.events().events(ClientEvents.ClientErased.class))
                .containsExactly(new ClientEvents.ClientErased(TENANT, id, t.clock.instant()));
        List<AuditEntry> erasedEntries = t.auditTrail(TENANT).stream()
                .filter(e -> e.action() == AuditAction.ERASED).toList();
        assertThat(erasedEntries).singleElement().satisfies(e -> {
            assertThat(e.clientId()).isEqualTo(id);
            assertThat(e.actor()).isEqualTo(MANAGER.describe());
            assertThat(e.occurredAt()).isEqualTo(t.clock.instant());
            assertThat(e.changes()).as("no personal data, not even masked").isEmpty();
        });
    }

    @Test
    void erasing_leaves_other_clients_alone() {
        Full full = fullClient(t.clientele);
        Client bea = t.create(ClientDetails.named("Bea", "Moreau"));
        t.clientele.notes().add(OWNER, TENANT, bea.id(), "Bea's note");
        t.clientele.labels().assign(OWNER, TENANT, bea.id(), full.label().id());
        Client beaBefore = t.reload(bea.id());

        erasure.erase(OWNER, TENANT, full.client().id());

        assertThat(t.reload(bea.id())).isEqualTo(beaBefore);
        assertThat(t.clientele.notes().list(OWNER, TENANT, bea.id(), PageRequest.first()).items()).hasSize(1);
        assertThat(t.clientele.labels().list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(full.label());
        assertThat(t.clientele.groups().list(OWNER, TENANT, PageRequest.first()).items()).containsExactly(full.group());
    }

    @Test
    void an_erased_profile_stays_viewable_as_anonymous() {
        Full full = fullClient(t.clientele);

        erasure.erase(OWNER, TENANT, full.client().id());

        ProfileView profile = t.clientele.profiles().view(VIEWER, TENANT, full.client().id());
        assertThat(profile.client().erased()).isTrue();
        assertThat(profile.client().details().name().fullName()).isEqualTo("Erased Client");
        assertThat(profile.labels().content().orElseThrow()).isEmpty();
        assertThat(profile.groups().content().orElseThrow()).isEmpty();
        assertThat(profile.notes().content().orElseThrow().items()).isEmpty();
        assertThat(t.clientele.photos().load(VIEWER, TENANT, full.client().id())).isEmpty();
    }

    @Test
    void an_erased_client_is_left_out_of_the_list_unless_asked_for() {
        Full full = fullClient(t.clientele);
        Client bea = t.create(ClientDetails.named("Bea", "Moreau"));

        erasure.erase(OWNER, TENANT, full.client().id());

        assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first()).items())
                .extracting(ClientSummary::id).containsExactly(bea.id());
        assertThat(t.clientele.clients().list(OWNER, TENANT, ClientQuery.all().includingErased(),
                PageRequest.first()).items()).extracting(ClientSummary::id)
                .containsExactlyInAnyOrder(bea.id(), full.client().id());
    }

    @Test
    void the_email_of_an_erased_client_can_be_used_by_a_new_client() {
        Full full = fullClient(t.clientele);
        erasure.erase(OWNER, TENANT, full.client().id());

        Client again = t.create(ClientDetails.named("Ana", "López").withEmail("ana.lopez@example.com"));

        assertThat(again.details().email()).map(Object::toString).contains("ana.lopez@example.com");
    }

    static Stream<Arguments> edits() {
        return Stream.<Arguments>of(
                edit("edit details", (Ctx c) -> c.app.clients().editDetails(OWNER, TENANT, c.id(), c.version(),
                        ClientDetails.named("Ana", "López"))),
                edit("upload photo", c -> c.app.photos().upload(OWNER, TENANT, c.id(), c.t().clientVersion(c.id()),
                        new ByteArrayInputStream(Images.png()))),
                edit("remove photo", c -> c.app.photos().remove(OWNER, TENANT, c.id(), c.t().clientVersion(c.id()))),
                edit("add address", c -> c.app.addresses().add(OWNER, TENANT, c.id(),
                        AddressInput.of("1 Rue de Rivoli", "75001", "Paris", "FR"))),
                edit("edit address", c -> c.app.addresses().edit(OWNER, TENANT, c.id(), c.full.address(),
                        c.t().clientVersion(c.id()),
                        AddressInput.of("1 Rue de Rivoli", "75001", "Paris", "FR"))),
                edit("remove address", c -> c.app.addresses().remove(OWNER, TENANT, c.id(), c.full.address(),
                        c.t().clientVersion(c.id()))),
                edit("link pass", c -> c.app.passes().link(OWNER, TENANT, c.id(), "CARD-9")),
                edit("unlink pass", c -> c.app.passes().unlink(OWNER, TENANT, c.id(), "CARD-1")),
                edit("assign label", c -> c.app.labels().assign(OWNER, TENANT, c.id(), c.full.label().id())),
                edit("join group", c -> c.app.groups().addMember(OWNER, TENANT, c.id(), c.full.group().id())),
                edit("leave group", c -> c.app.groups().removeMember(OWNER, TENANT, c.id(), c.full.group().id())),
                edit("add note", c -> c.app.notes().add(OWNER, TENANT, c.id(), "Came back")),
                edit("lock", c -> c.app.locks().lock(OWNER, TENANT, c.id(), c.t().clientVersion(c.id()))),
                edit("erase again", c -> c.app.erasure().erase(OWNER, TENANT, c.id())));
    }

    record Ctx(Clientele app, Full full, TestClientele t) {
        ClientId id() {
            return full.client().id();
        }

        long version() {
            return t.reload(id()).version();
        }
    }

    private static Arguments edit(String name, Consumer<Ctx> action) {
        return Arguments.of(name, action);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void after_erasure_every_edit_is_an_illegal_state_and_changes_nothing(String name, Consumer<Ctx> action) {
        Full full = fullClient(t.clientele);
        erasure.erase(OWNER, TENANT, full.client().id());
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> action.accept(new Ctx(t.clientele, full, t)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ILLEGAL_STATE));

        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void the_notes_of_an_erased_client_are_gone_so_they_cannot_be_edited_or_deleted() {
        Full full = fullClient(t.clientele);
        erasure.erase(OWNER, TENANT, full.client().id());

        assertThatThrownBy(() -> t.clientele.notes().edit(OWNER, TENANT, full.note(), 0, "Back again"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("note"));
        assertThatThrownBy(() -> t.clientele.notes().delete(OWNER, TENANT, full.note(), t.noteVersion(full.note())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void erasing_requires_the_delete_permission_and_a_denial_changes_nothing() {
        Full full = fullClient(t.clientele);
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> erasure.erase(staffWithout("almost-1", Permission.DELETE_CLIENTS), TENANT,
                full.client().id()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.DELETE_CLIENTS));
        assertThatThrownBy(() -> erasure.erase(VIEWER, TENANT, full.client().id()))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.memory.bookings().calls()).isEmpty();
    }

    @Test
    void a_client_of_another_tenant_is_not_found_and_stays_intact() {
        Full full = fullClient(t.clientele);
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> erasure.erase(OTHER_OWNER, OTHER_TENANT, full.client().id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("client"));

        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.memory.bookings().calls()).isEmpty();
    }

    @Test
    void when_the_booking_system_fails_the_erasure_rolls_back_entirely() {
        InMemoryAdapters memory = InMemoryAdapters.create();
        Clientele failing = memory.installInto(Clientele.builder()).invitations(TestClientele.INVITATIONS).clock(MutableClock.standard())
                .bookingAnonymizer((tenant, client) -> {
                    throw new IllegalStateException("booking system down");
                }).build();
        Full full = fullClient(failing);
        Map<String, List<String>> before = TestClientele.storedState(memory);

        assertThatThrownBy(() -> failing.erasure().erase(OWNER, TENANT, full.client().id()))
                .isInstanceOf(IllegalStateException.class).hasMessage("booking system down");

        Client after = failing.clients().get(OWNER, TENANT, full.client().id());
        assertThat(after).isEqualTo(full.client());
        assertThat(after.erased()).isFalse();
        assertThat(failing.notes().list(OWNER, TENANT, full.client().id(), PageRequest.first()).items()).hasSize(2);
        assertThat(failing.photos().load(OWNER, TENANT, full.client().id())).isPresent();
        assertThat(memory.events().events(ClientEvents.ClientErased.class)).isEmpty();
        assertThat(memory.audit().all(TENANT)).extracting(AuditEntry::action).doesNotContain(AuditAction.ERASED);
        assertThat(TestClientele.storedState(memory)).isEqualTo(before);
    }
}
