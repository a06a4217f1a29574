package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.client.service.ClientProfileServiceTest.FRENCH_STUDIO;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.port.ClientRepository;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.GroupId;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.model.LabelId;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.TestClientele;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ClientProfileService#list}: filters, erased clients, keyset pagination, bounds. */
class ClientListTest {

    /** The documented list order: last name, then first name, case-insensitively, then id. */
    static final Comparator<ClientSummary> LAST_FIRST_ID = Comparator
            .comparing((ClientSummary s) -> s.name().lastName().toLowerCase(Locale.ROOT))
            .thenComparing(s -> s.name().firstName().toLowerCase(Locale.ROOT))
            .thenComparing(s -> s.id().value().toString());

    private final TestClientele t = new TestClientele();
    private final ClientProfileService clients = t.clientele.clients();

    @BeforeEach
    void french_studio() {
        t.memory.tenantSettings().put(TENANT, FRENCH_STUDIO);
    }

    private List<String> names(ClientQuery query) {
        return clients.list(OWNER, TENANT, query, PageRequest.first(PageRequest.MAX_SIZE)).items().stream()
                .map(s -> s.name().fullName()).toList();
    }

    /** Sets a status the invitation context would set; there is no invitation use case yet. */
    static Client withStatus(TestClientele t, Client client, InvitationStatus status) {
        ClientRepository stored = t.stores.clients();
        return t.stores.transactions().inTransaction(() -> {
            Client current = stored.findForUpdate(client.tenantId(), client.id()).orElseThrow();
            return switch (status) {
                case ADDED -> current;
                case INVITED -> stored.update(current.markInvited(t.clock.instant()));
                case ACCEPTED -> stored.update(current.accept(t.clock.instant()));
            };
        });
    }

    /** Every page of the list, walked with the given page size. */
    private List<Page<ClientSummary>> walk(ClientQuery query, int size) {
        List<Page<ClientSummary>> pages = new ArrayList<>();
        Page<ClientSummary> page = clients.list(OWNER, TENANT, query, PageRequest.first(size));
        pages.add(page);
        while (page.hasNext()) {
            assertThat(pages).as("pages walked; the list must end").hasSizeLessThan(100);
            page = clients.list(OWNER, TENANT, query, PageRequest.after(page.next().orElseThrow(), size));
            pages.add(page);
        }
        return pages;
    }

    // ---------------------------------------------------------------- happy path

    @Test
    void list_shows_the_tenants_clients_as_summaries_sorted_by_last_then_first_name() {
        Client ana = t.ana();
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin").withEmail("bruno@studio.fr"));
        Client chloe = t.create(ClientDetails.named("Chloé", "Dubois"));
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        t.clientele.labels().assign(OWNER, TENANT, bruno.id(), vip.id());
        t.clientele.locks().lock(OWNER, TENANT, bruno.id(), t.clientVersion(bruno.id()));

        Page<ClientSummary> page = clients.list(VIEWER, TENANT, ClientQuery.all(), PageRequest.first());

        assertThat(page.hasNext()).isFalse();
        assertThat(page.items()).extracting(ClientSummary::id).containsExactly(chloe.id(), ana.id(), bruno.id());
        ClientSummary anaRow = page.items().get(1);
        assertThat(anaRow.email()).isEqualTo(ana.details().email());
        assertThat(anaRow.phone()).isEqualTo(ana.details().phone());
        assertThat(anaRow.invitationStatus()).isEqualTo(InvitationStatus.ADDED);
        assertThat(anaRow.erased()).isFalse();
        ClientSummary brunoRow = page.items().get(2);
        assertThat(brunoRow.labels()).containsExactly(vip.id());
        assertThat(brunoRow.locked()).isTrue();
    }

    @Test
    void an_empty_tenant_has_an_empty_last_page() {
        Page<ClientSummary> page = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first());

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void listing_writes_nothing() {
        t.ana();
        StoreSnapshot before = StoreSnapshot.of(t);

        clients.list(OWNER, TENANT, ClientQuery.all().withText("ana"), PageRequest.first(1));

        before.assertUnchangedIn(t);
    }

    // ---------------------------------------------------------------- text filter

    static Stream<Arguments> textFilters() {
        return Stream.of(
                Arguments.of("lóp", List.of("Ana López")),
                Arguments.of("ANA", List.of("Ana López")),
                Arguments.of("ana lópez", List.of("Ana López")),
                Arguments.of("lópez ana", List.of("Ana López")),
                Arguments.of("martin", List.of("Bruno Martin", "Zoé Martin-Petit")),
                Arguments.of("  zoé  ", List.of("Zoé Martin-Petit")),
                Arguments.of("studio.fr", List.of("Bruno Martin")),
                Arguments.of("ZOE.MP@", List.of("Zoé Martin-Petit")),
                Arguments.of("06 12 34", List.of("Ana López")),
                Arguments.of("06.12.34.56.78", List.of("Ana López")),
                Arguments.of("+33 7 81", List.of("Bruno Martin")),
                Arguments.of("5678", List.of("Ana López")),
                Arguments.of("example", List.of("Ana López", "Zoé Martin-Petit")),
                Arguments.of("nobody", List.of()));
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @MethodSource("textFilters")
    void text_filter_matches_part_of_the_name_the_email_or_the_phone(String text, List<String> expected) {
        t.ana();
        t.create(ClientDetails.named("Bruno", "Martin").withEmail("bruno@studio.fr").withPhone("07 81 22 33 44"));
        t.create(ClientDetails.named("Zoé", "Martin-Petit").withEmail("zoe.mp@example.org"));
        t.create(ClientDetails.named("Chloé", "Dubois"));

        assertThat(names(ClientQuery.all().withText(text))).containsExactlyElementsOf(expected);
    }

    @Test
    void a_text_filter_shorter_than_two_characters_is_refused() {
        assertThatThrownBy(() -> clients.list(OWNER, TENANT, ClientQuery.all().withText(" a "), PageRequest.first()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("text");
                    assertThat(e.rule()).isEqualTo("min_length");
                });
    }

    @Test
    void a_blank_text_filter_is_no_filter() {
        t.ana();
        t.create(ClientDetails.named("Bruno", "Martin"));

        assertThat(names(ClientQuery.all().withText("   "))).containsExactly("Ana López", "Bruno Martin");
    }

    // ---------------------------------------------------------------- status, label, group

    @Test
    void status_filter_keeps_the_clients_in_that_invitation_status() {
        t.ana();
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        Client chloe = t.create(ClientDetails.named("Chloé", "Dubois"));
        withStatus(t, bruno, InvitationStatus.INVITED);
        withStatus(t, chloe, InvitationStatus.ACCEPTED);

        assertThat(names(ClientQuery.all().withStatus(InvitationStatus.ADDED))).containsExactly("Ana López");
        assertThat(names(ClientQuery.all().withStatus(InvitationStatus.INVITED))).containsExactly("Bruno Martin");
        assertThat(names(ClientQuery.all().withStatus(InvitationStatus.ACCEPTED))).containsExactly("Chloé Dubois");
    }

    @Test
    void label_filter_keeps_the_clients_holding_that_label() {
        Client ana = t.ana();
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        t.create(ClientDetails.named("Chloé", "Dubois"));
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        Label beginner = t.clientele.labels().create(OWNER, TENANT, "Beginner");
        Label unused = t.clientele.labels().create(OWNER, TENANT, "Unused");
        t.clientele.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        t.clientele.labels().assign(OWNER, TENANT, bruno.id(), vip.id());
        t.clientele.labels().assign(OWNER, TENANT, bruno.id(), beginner.id());

        assertThat(names(ClientQuery.all().withLabel(vip.id()))).containsExactly("Ana López", "Bruno Martin");
        assertThat(names(ClientQuery.all().withLabel(beginner.id()))).containsExactly("Bruno Martin");
        assertThat(names(ClientQuery.all().withLabel(unused.id()))).isEmpty();
    }

    @Test
    void group_filter_keeps_the_members_of_that_group() {
        Client ana = t.ana();
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        t.create(ClientDetails.named("Chloé", "Dubois"));
        ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
        ClientGroup pilates = t.clientele.groups().create(OWNER, TENANT, "Evening pilates");
        t.clientele.groups().addMember(OWNER, TENANT, ana.id(), yoga.id());
        t.clientele.groups().addMember(OWNER, TENANT, bruno.id(), yoga.id());
        t.clientele.groups().addMember(OWNER, TENANT, bruno.id(), pilates.id());
        t.clientele.groups().removeMember(OWNER, TENANT, ana.id(), yoga.id());

        assertThat(names(ClientQuery.all().withGroup(yoga.id()))).containsExactly("Bruno Martin");
        assertThat(names(ClientQuery.all().withGroup(pilates.id()))).containsExactly("Bruno Martin");
    }

    @Test
    void filters_combine_with_and() {
        Client ana = t.ana();
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        Client anais = t.create(ClientDetails.named("Anaïs", "Martin"));
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
        for (Client c : List.of(ana, bruno, anais)) {
            t.clientele.labels().assign(OWNER, TENANT, c.id(), vip.id());
        }
        t.clientele.groups().addMember(OWNER, TENANT, ana.id(), yoga.id());
        t.clientele.groups().addMember(OWNER, TENANT, anais.id(), yoga.id());
        withStatus(t, anais, InvitationStatus.INVITED);

        ClientQuery vipYogaAna = ClientQuery.all().withLabel(vip.id()).withGroup(yoga.id()).withText("ana");

        assertThat(names(vipYogaAna)).containsExactly("Ana López", "Anaïs Martin");
        assertThat(names(vipYogaAna.withStatus(InvitationStatus.INVITED))).containsExactly("Anaïs Martin");
        assertThat(names(vipYogaAna.withText("martin"))).containsExactly("Anaïs Martin");
    }

    // ---------------------------------------------------------------- erased clients

    @Test
    void erased_clients_are_left_out_unless_asked_for() {
        Client ana = t.ana();
        Client bruno = t.create(ClientDetails.named("Bruno", "Martin"));
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        Page<ClientSummary> byDefault = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first());
        Page<ClientSummary> withErased = clients.list(OWNER, TENANT, ClientQuery.all().includingErased(),
                PageRequest.first());

        assertThat(byDefault.items()).extracting(ClientSummary::id).containsExactly(bruno.id());
        assertThat(withErased.items()).extracting(ClientSummary::id).containsExactlyInAnyOrder(ana.id(), bruno.id());
        ClientSummary erased = withErased.items().stream().filter(ClientSummary::erased).findFirst().orElseThrow();
        assertThat(erased.id()).isEqualTo(ana.id());
        assertThat(erased.name().fullName()).isEqualTo("Erased Client");
        assertThat(erased.email()).isEmpty();
        assertThat(erased.phone()).isEmpty();
    }

    @Test
    void an_erased_client_is_not_found_by_its_former_name_email_or_phone() {
        Client ana = t.ana();
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        for (String text : List.of("lópez", "ana.lopez", "612345678")) {
            assertThat(names(ClientQuery.all().includingErased().withText(text))).as(text).isEmpty();
        }
    }

    // ---------------------------------------------------------------- keyset pagination

    private List<Client> aDozenClientsInScrambledOrder() {
        List<ClientDetails> details = List.of(
                ClientDetails.named("Zoé", "Martin"),
                ClientDetails.named("Ana", "López"),
                ClientDetails.named("Marc", "O'Neil"),
                ClientDetails.named("Luc", "Dubois"),
                ClientDetails.named("ana", "lópez"),
                ClientDetails.named("Léa", "Petit-Jean"),
                ClientDetails.named("bruno", "Martin"),
                ClientDetails.named("Inès", "Benali"),
                ClientDetails.named("ANA", "LÓPEZ"),
                ClientDetails.named("Hugo", "Petit"),
                ClientDetails.named("Chloé", "martin"),
                ClientDetails.named("Emma", "dubois"),
                ClientDetails.named("Ana", "López"));
        return details.stream().map(t::create).toList();
    }

    @Test
    void walking_pages_of_three_shows_every_client_exactly_once_in_name_then_id_order() {
        List<Client> all = aDozenClientsInScrambledOrder();

        List<Page<ClientSummary>> pages = walk(ClientQuery.all(), 3);

        assertThat(pages).hasSize(5);
        assertThat(pages.subList(0, 4)).allSatisfy(p -> {
            assertThat(p.items()).hasSize(3);
            assertThat(p.next()).isPresent();
        });
        assertThat(pages.get(4).items()).hasSize(1);
        assertThat(pages.get(4).next()).isEmpty();
        List<ClientSummary> walked = pages.stream().flatMap(p -> p.items().stream()).toList();
        assertThat(walked).extracting(ClientSummary::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Client::id).toList());
        assertThat(walked).isSortedAccordingTo(LAST_FIRST_ID);
        assertThat(walked).extracting(s -> s.name().fullName()).containsExactly(
                "Inès Benali", "Emma dubois", "Luc Dubois",
                "Ana López", "ana lópez", "ANA LÓPEZ", "Ana López",
                "bruno Martin", "Chloé martin", "Zoé Martin",
                "Marc O'Neil", "Hugo Petit", "Léa Petit-Jean");
        assertThat(walked.subList(3, 7)).extracting(ClientSummary::id)
                .as("namesakes in creation (id) order, even across a page break")
                .containsExactly(all.get(1).id(), all.get(4).id(), all.get(8).id(), all.get(12).id());
    }

    @Test
    void a_single_page_of_the_maximum_size_equals_the_walked_pages() {
        aDozenClientsInScrambledOrder();

        List<ClientSummary> walked = walk(ClientQuery.all(), 3).stream().flatMap(p -> p.items().stream()).toList();
        Page<ClientSummary> single = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(200));

        assertThat(single.items()).isEqualTo(walked);
        assertThat(single.next()).isEmpty();
    }

    @Test
    void pages_of_a_filtered_list_hold_only_matching_clients() {
        aDozenClientsInScrambledOrder();

        List<ClientSummary> walked = walk(ClientQuery.all().withText("martin"), 2).stream()
                .flatMap(p -> p.items().stream()).toList();

        assertThat(walked).extracting(s -> s.name().fullName())
                .containsExactly("bruno Martin", "Chloé martin", "Zoé Martin");
    }

    @Test
    void a_page_is_as_long_as_asked_when_exactly_that_many_clients_remain() {
        t.create(ClientDetails.named("Ana", "López"));
        t.create(ClientDetails.named("Bruno", "Martin"));
        t.create(ClientDetails.named("Chloé", "Dubois"));

        Page<ClientSummary> page = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(3));

        assertThat(page.items()).hasSize(3);
        assertThat(page.next()).as("no cursor to an empty page").isEmpty();
    }

    @Test
    void the_page_after_a_cursor_is_stable_when_clients_are_added_before_the_cursor_meanwhile() {
        for (String last : List.of("Adam", "Bernard", "Dupont", "Fabre", "Garnier", "Lambert")) {
            t.create(ClientDetails.named("Jo", last));
        }
        Page<ClientSummary> first = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(3));
        Cursor cursor = first.next().orElseThrow();
        Page<ClientSummary> secondBefore = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.after(cursor, 3));

        t.create(ClientDetails.named("Jo", "Caron"));
        t.create(ClientDetails.named("Jo", "Aubert"));
        t.create(ClientDetails.named("Aaron", "Dupont"));
        Page<ClientSummary> secondAfter = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.after(cursor, 3));

        assertThat(first.items()).extracting(s -> s.name().lastName()).containsExactly("Adam", "Bernard", "Dupont");
        assertThat(secondBefore.items()).extracting(s -> s.name().lastName())
                .containsExactly("Fabre", "Garnier", "Lambert");
        assertThat(secondAfter).isEqualTo(secondBefore);
    }

    @Test
    void clients_added_after_the_cursor_show_up_on_the_following_pages() {
        for (String last : List.of("Adam", "Bernard", "Dupont", "Fabre", "Garnier", "Lambert")) {
            t.create(ClientDetails.named("Jo", last));
        }
        Cursor cursor = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(3)).next().orElseThrow();

        t.create(ClientDetails.named("Jo", "Durand"));
        Page<ClientSummary> second = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.after(cursor, 3));
        Page<ClientSummary> third = clients.list(OWNER, TENANT, ClientQuery.all(),
                PageRequest.after(second.next().orElseThrow(), 3));

        assertThat(second.items()).extracting(s -> s.name().lastName()).containsExactly("Durand", "Fabre", "Garnier");
        assertThat(third.items()).extracting(s -> s.name().lastName()).containsExactly("Lambert");
        assertThat(third.next()).isEmpty();
    }

    @Test
    void the_cursor_of_a_client_erased_meanwhile_still_continues_the_list() {
        List<Client> jos = new ArrayList<>();
        for (String last : List.of("Adam", "Bernard", "Dupont", "Fabre", "Garnier")) {
            jos.add(t.create(ClientDetails.named("Jo", last)));
        }
        Cursor cursor = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(3)).next().orElseThrow();

        t.clientele.erasure().erase(OWNER, TENANT, jos.get(2).id());
        Page<ClientSummary> second = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.after(cursor, 3));

        assertThat(second.items()).extracting(s -> s.name().lastName()).containsExactly("Fabre", "Garnier");
    }

    @Test
    void last_names_are_compared_before_first_names_even_when_one_last_name_extends_another() {
        // Regression guard: a sort key that glues "last first" together with a space puts
        // "Li Ann, Bob" before "Li, Zed", though the documented order compares last names first.
        Client zedLi = t.create(ClientDetails.named("Zed", "Li"));
        Client bobLiAnn = t.create(ClientDetails.named("Bob", "Li Ann"));

        Page<ClientSummary> page = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first());

        assertThat(page.items()).isSortedAccordingTo(LAST_FIRST_ID);
        assertThat(page.items()).extracting(ClientSummary::id).containsExactly(zedLi.id(), bobLiAnn.id());
    }

    // ---------------------------------------------------------------- page size and cursor

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 201})
    void page_size_outside_one_to_two_hundred_is_refused(int size) {
        assertThatThrownBy(() -> clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(size)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("size");
                    assertThat(e.rule()).isEqualTo("range");
                });
        assertThatThrownBy(() -> PageRequest.after(Cursor.of("x", UUID.randomUUID().toString()), size))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("size"));
    }

    @Test
    void page_sizes_one_and_two_hundred_are_accepted() {
        t.ana();
        t.create(ClientDetails.named("Bruno", "Martin"));

        Page<ClientSummary> one = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(1));
        Page<ClientSummary> max = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(200));

        assertThat(one.items()).hasSize(1);
        assertThat(one.hasNext()).isTrue();
        assertThat(max.items()).hasSize(2);
    }

    static Stream<Arguments> tamperedCursors() {
        String id = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("not base64", (Function<Cursor, Cursor>) real -> new Cursor("%%% not a cursor %%%")),
                Arguments.of("a character appended",
                        (Function<Cursor, Cursor>) real -> new Cursor(real.value() + "!")),
                Arguments.of("the id cut off", (Function<Cursor, Cursor>) real -> Cursor.of("lópez ana")),
                Arguments.of("an id that is no UUID",
                        (Function<Cursor, Cursor>) real -> Cursor.of("lópez ana", "not-a-uuid")),
                Arguments.of("a part too many",
                        (Function<Cursor, Cursor>) real -> Cursor.of("lópez ana", id, "extra")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedCursors")
    void a_tampered_cursor_is_refused_naming_the_cursor_field(String how, Function<Cursor, Cursor> tamper) {
        t.ana();
        t.create(ClientDetails.named("Bruno", "Martin"));
        Cursor real = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(1)).next().orElseThrow();
        StoreSnapshot before = StoreSnapshot.of(t);

        assertThatThrownBy(() -> clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.after(tamper.apply(real), 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("cursor");
                    assertThat(e.rule()).isEqualTo("format");
                });
        before.assertUnchangedIn(t);
    }

    @Test
    void missing_query_page_actor_or_tenant_is_refused_naming_the_field() {
        assertThatThrownBy(() -> clients.list(OWNER, TENANT, null, PageRequest.first()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("query");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.list(OWNER, TENANT, ClientQuery.all(), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("page");
                    assertThat(e.rule()).isEqualTo("required");
                });
        assertThatThrownBy(() -> clients.list(null, TENANT, ClientQuery.all(), PageRequest.first()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("actor"));
        assertThatThrownBy(() -> clients.list(OWNER, null, ClientQuery.all(), PageRequest.first()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("tenantId");
                    assertThat(e.rule()).isEqualTo("required");
                });
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void listing_requires_view_clients_and_is_never_open_to_clients_themselves() {
        Client ana = t.ana();
        List<Actor> denied = List.of(NOBODY, staffWithout("no-view", Permission.VIEW_CLIENTS),
                new Actor.ClientSelf(ana.id()));

        for (Actor actor : denied) {
            assertThatThrownBy(() -> clients.list(actor, TENANT, ClientQuery.all(), PageRequest.first()))
                    .as(actor.describe())
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));
        }
        assertThat(clients.list(VIEWER, TENANT, ClientQuery.all(), PageRequest.first()).items()).hasSize(1);
    }

    // ---------------------------------------------------------------- tenancy

    @Test
    void another_tenants_clients_never_appear_whatever_the_filter() {
        Client ana = t.ana();
        Client anaElsewhere = clients.create(OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Ana", "López").withEmail("ana.lopez@example.com"));

        assertThat(clients.list(OWNER, TENANT, ClientQuery.all().withText("ana").includingErased(),
                PageRequest.first()).items()).extracting(ClientSummary::id).containsExactly(ana.id());
        assertThat(clients.list(OTHER_OWNER, OTHER_TENANT, ClientQuery.all().withText("ana"),
                PageRequest.first()).items()).extracting(ClientSummary::id).containsExactly(anaElsewhere.id());
    }

    @Test
    void a_label_or_group_of_another_tenant_matches_nothing_just_like_an_unknown_one() {
        Client ana = t.ana();
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Morning yoga");
        t.clientele.labels().assign(OWNER, TENANT, ana.id(), vip.id());
        t.clientele.groups().addMember(OWNER, TENANT, ana.id(), yoga.id());
        clients.create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Ana", "López"));

        Page<ClientSummary> byForeignLabel = clients.list(OTHER_OWNER, OTHER_TENANT, ClientQuery.all().withLabel(vip.id()),
                PageRequest.first());
        Page<ClientSummary> byForeignGroup = clients.list(OTHER_OWNER, OTHER_TENANT, ClientQuery.all().withGroup(yoga.id()),
                PageRequest.first());
        Page<ClientSummary> byUnknownLabel = clients.list(OTHER_OWNER, OTHER_TENANT,
                ClientQuery.all().withLabel(new LabelId(UUID.randomUUID())), PageRequest.first());
        Page<ClientSummary> byUnknownGroup = clients.list(OTHER_OWNER, OTHER_TENANT,
                ClientQuery.all().withGroup(new GroupId(UUID.randomUUID())), PageRequest.first());

        assertThat(byForeignLabel).isEqualTo(byUnknownLabel);
        assertThat(byForeignGroup).isEqualTo(byUnknownGroup);
        assertThat(byForeignLabel.items()).isEmpty();
        assertThat(byForeignGroup.items()).isEmpty();
    }

    @Test
    void a_cursor_of_another_tenant_is_refused_and_lists_nothing() {
        t.ana();
        t.create(ClientDetails.named("Bruno", "Martin"));
        clients.create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Zoé", "Zola"));
        Cursor cursor = clients.list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(1)).next().orElseThrow();

        assertThatThrownBy(() -> clients.list(OTHER_OWNER, OTHER_TENANT, ClientQuery.all(),
                PageRequest.after(cursor, 5)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }
}
