package io.clientele;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.ConfigurationException;
import io.clientele.common.Cursor;
import io.clientele.common.CursorSeal;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.Text;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.order.model.Order;
import io.clientele.order.service.OrderLineInput;
import io.clientele.testing.EncodedForms;
import io.clientele.testing.TestClientele;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for issue 7, point 4: client-list cursors were base64 of folded names
 * (personal data in URLs and logs) and were accepted across tenants and queries. Every page a use
 * case returns now carries a sealed cursor bound to its tenant, list and query.
 */
class OpaqueCursorTest {

    private static final List<String[]> NAMES = List.of(new String[] {"Zéphyrine", "Quillfeather"},
            new String[] {"Bartholomew", "Rookwhistle"}, new String[] {"Philippa", "Marchbanks"},
            new String[] {"Ottoline", "Fernsworth"});

    private final TestClientele t = new TestClientele();
    private final List<Client> clients = new ArrayList<>();

    OpaqueCursorTest() {
        for (String[] name : NAMES) {
            clients.add(t.create(ClientDetails.named(name[0], name[1])
                    .withEmail(name[0].toLowerCase(Locale.ROOT).replace('é', 'e') + "@feather.example")));
        }
    }

    // ---------------------------------------------------------------- no personal data

    @Test
    void a_client_list_cursor_holds_no_folded_name_nor_any_base64_of_it() {
        List<Cursor> cursors = new ArrayList<>();
        cursors.addAll(allCursors(t.clientele, ClientQuery.all()));
        cursors.addAll(allCursors(t.clientele, ClientQuery.all().withText("feather")));
        assertThat(cursors).as("one cursor per page but the last").hasSize(2 * (NAMES.size() - 1));

        for (Cursor cursor : cursors) {
            String value = cursor.value();
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.ISO_8859_1);
            for (String[] name : NAMES) {
                String sortKey = Text.fold(name[1]) + '\u0001' + Text.fold(name[0]);
                for (String part : List.of(Text.fold(name[0]), Text.fold(name[1]), sortKey)) {
                    assertThat(value.toLowerCase(Locale.ROOT)).as("cursor %s", value).doesNotContain(part);
                    assertThat(raw.toLowerCase(Locale.ROOT)).as("decoded cursor %s", value).doesNotContain(part);
                    for (String form : EncodedForms.base64(part)) {
                        assertThat(value).as("cursor %s", value).doesNotContain(form);
                    }
                }
            }
        }
    }

    @Test
    void the_readable_cursor_of_old_versions_is_refused() {
        Client ottoline = clients.get(3);
        Cursor readable = Cursor.of("fernsworth\u0001ottoline", ottoline.id().toString());

        assertRefusedAndNothingChanged(() -> t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(),
                PageRequest.after(readable, 2)));
    }

    // ---------------------------------------------------------------- bound to tenant and query

    @Test
    void a_client_list_cursor_from_tenant_a_is_refused_in_tenant_b() {
        t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Ysolde", "Umberfield"));
        t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Ambrose", "Tillinghast"));
        Cursor fromA = firstCursor(t.clientele, ClientQuery.all());

        assertRefusedAndNothingChanged(() -> t.clientele.clients().list(OTHER_OWNER, OTHER_TENANT,
                ClientQuery.all(), PageRequest.after(fromA, 1)));
    }

    static Stream<Arguments> otherQueries() {
        return Stream.<Arguments>of(
                Arguments.of("a text filter added", (UnaryOperator<ClientQuery>) q -> q.withText("feather")),
                Arguments.of("a status filter added",
                        (UnaryOperator<ClientQuery>) q -> q.withStatus(InvitationStatus.ADDED)),
                Arguments.of("erased clients included", (UnaryOperator<ClientQuery>) ClientQuery::includingErased));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherQueries")
    void a_client_list_cursor_from_query_x_is_refused_with_query_y(String how, UnaryOperator<ClientQuery> change) {
        Cursor fromX = firstCursor(t.clientele, ClientQuery.all());

        assertRefusedAndNothingChanged(() -> t.clientele.clients().list(OWNER, TENANT, change.apply(ClientQuery.all()),
                PageRequest.after(fromX, 1)));
    }

    @Test
    void a_client_list_cursor_is_refused_with_another_text_label_or_group() {
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        Label early = t.clientele.labels().create(OWNER, TENANT, "Early riser");
        ClientGroup pilates = t.clientele.groups().create(OWNER, TENANT, "Pilates");
        ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Yoga");
        for (Client c : clients) {
            t.clientele.labels().assign(OWNER, TENANT, c.id(), vip.id());
            t.clientele.labels().assign(OWNER, TENANT, c.id(), early.id());
            t.clientele.groups().addMember(OWNER, TENANT, c.id(), pilates.id());
            t.clientele.groups().addMember(OWNER, TENANT, c.id(), yoga.id());
        }
        Map<ClientQuery, ClientQuery> pairs = Map.of(
                ClientQuery.all().withText("feather"), ClientQuery.all().withText("feath"),
                ClientQuery.all().withLabel(vip.id()), ClientQuery.all().withLabel(early.id()),
                ClientQuery.all().withGroup(pilates.id()), ClientQuery.all().withGroup(yoga.id()));

        pairs.forEach((x, y) -> {
            Cursor fromX = firstCursor(t.clientele, x);
            assertThat(t.clientele.clients().list(OWNER, TENANT, x, PageRequest.after(fromX, 1)).items())
                    .as("the cursor continues its own query").hasSize(1);
            assertRefusedAndNothingChanged(() -> t.clientele.clients().list(OWNER, TENANT, y,
                    PageRequest.after(fromX, 1)));
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 100, 200, 250})
    void a_client_list_cursor_with_one_bit_flipped_is_refused(int bit) {
        byte[] bytes = Base64.getUrlDecoder().decode(firstCursor(t.clientele, ClientQuery.all()).value());
        int at = bit % (bytes.length * 8);
        bytes[at / 8] ^= (byte) (1 << (at % 8));
        Cursor flipped = new Cursor(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));

        assertRefusedAndNothingChanged(() -> t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(),
                PageRequest.after(flipped, 1)));
    }

    // ---------------------------------------------------------------- keys

    @Test
    @Tag("in-memory")
    void a_cursor_from_an_instance_with_another_key_is_refused() {
        Clientele first = instance(key((byte) 1));
        Clientele second = instance(key((byte) 2));
        Cursor fromFirst = firstCursor(first, ClientQuery.all());

        assertRefusedAndNothingChanged(() -> second.clients().list(OWNER, TENANT, ClientQuery.all(),
                PageRequest.after(fromFirst, 1)));
        assertRefusedAndNothingChanged(() -> t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(),
                PageRequest.after(fromFirst, 1)));
    }

    @Test
    @Tag("in-memory")
    void with_a_shared_key_another_instance_continues_the_list() {
        byte[] shared = key((byte) 42);
        List<Clientele> instances = List.of(instance(shared), instance(shared.clone()));
        List<ClientId> expected = allCursorsAndIds(t.clientele, ClientQuery.all()).ids();

        List<ClientId> seen = new ArrayList<>();
        Page<ClientSummary> page = instances.get(0).clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(1));
        seen.addAll(page.items().stream().map(ClientSummary::id).toList());
        for (int i = 1; page.hasNext(); i++) {
            // each page from the other instance, as behind a load balancer
            page = instances.get(i % 2).clients().list(OWNER, TENANT, ClientQuery.all(),
                    PageRequest.after(page.next().orElseThrow(), 1));
            seen.addAll(page.items().stream().map(ClientSummary::id).toList());
        }

        assertThat(seen).hasSize(NAMES.size()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33})
    void a_cursor_key_that_is_not_32_bytes_is_a_configuration_error(int length) {
        assertThatThrownBy(() -> Clientele.builder().cursorKey(new byte[length]))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cursorKey");
        assertThatThrownBy(() -> Clientele.builder().cursorKey(null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cursorKey");
    }

    // ---------------------------------------------------------------- every paged use case

    @Test
    void an_audit_trail_cursor_continues_its_own_trail_and_opens_for_no_other_client_or_tenant() {
        Client zephyrine = clients.get(0);
        Client bartholomew = clients.get(1);
        for (Client c : List.of(zephyrine, bartholomew)) {
            t.clientele.notes().add(OWNER, TENANT, c.id(), "First visit");
            t.clientele.notes().add(OWNER, TENANT, c.id(), "Second visit");
        }
        Page<AuditEntry> first = t.clientele.audit().list(OWNER, TENANT, zephyrine.id(), PageRequest.first(1));
        Cursor cursor = first.next().orElseThrow();

        Page<AuditEntry> second = t.clientele.audit().list(OWNER, TENANT, zephyrine.id(), PageRequest.after(cursor, 1));
        assertThat(second.items()).extracting(AuditEntry::clientId).containsExactly(zephyrine.id());
        assertThat(second.items().get(0).id()).isLessThan(first.items().get(0).id());

        assertRefusedAndNothingChanged(() -> t.clientele.audit().list(OWNER, TENANT, bartholomew.id(),
                PageRequest.after(cursor, 1)));
        Client foreign = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Ysolde", "Umber"));
        assertRefusedAndNothingChanged(() -> t.clientele.audit().list(OTHER_OWNER, OTHER_TENANT, foreign.id(),
                PageRequest.after(cursor, 1)));
    }

    @Test
    void an_order_list_cursor_continues_its_own_list_and_opens_for_no_other_client() {
        Client zephyrine = clients.get(0);
        Client bartholomew = clients.get(1);
        for (Client c : List.of(zephyrine, bartholomew)) {
            for (int i = 0; i < 3; i++) {
                t.clientele.orders().place(OWNER, TENANT, c.id(), List.of(OrderLineInput.bookingReference(
                        "bk-" + c.id() + "-" + i, "Private session", "EUR", new BigDecimal("30.00"))));
            }
        }
        Page<Order> first = t.clientele.orders().listForClient(OWNER, TENANT, zephyrine.id(), PageRequest.first(2));
        Cursor cursor = first.next().orElseThrow();

        Page<Order> rest = t.clientele.orders().listForClient(OWNER, TENANT, zephyrine.id(), PageRequest.after(cursor, 2));
        assertThat(rest.items()).hasSize(1).extracting(Order::leadBooker).containsExactly(zephyrine.id());
        assertThat(rest.items()).extracting(Order::id).doesNotContainAnyElementsOf(
                first.items().stream().map(Order::id).toList());

        assertRefusedAndNothingChanged(() -> t.clientele.orders().listForClient(OWNER, TENANT, bartholomew.id(),
                PageRequest.after(cursor, 2)));
    }

    @Test
    void a_consent_audience_cursor_continues_its_own_audience_and_opens_for_no_other_preference() {
        MarketingPreference newsletter = t.clientele.consent().definePreference(OWNER, TENANT, "newsletter",
                "Newsletter", "Send me the newsletter.", Channel.EMAIL);
        MarketingPreference offers = t.clientele.consent().definePreference(OWNER, TENANT, "offers", "Offers",
                "Send me offers.", Channel.EMAIL);
        for (Client c : clients) {
            t.clientele.consent().optIn(OWNER, TENANT, c.id(), newsletter.id());
            t.clientele.consent().optIn(OWNER, TENANT, c.id(), offers.id());
        }
        Page<ClientId> first = t.clientele.consent().audience(OWNER, TENANT, newsletter.id(), PageRequest.first(2));
        Cursor cursor = first.next().orElseThrow();

        Page<ClientId> rest = t.clientele.consent().audience(OWNER, TENANT, newsletter.id(), PageRequest.after(cursor, 2));
        List<ClientId> all = new ArrayList<>(first.items());
        all.addAll(rest.items());
        assertThat(all).containsExactlyInAnyOrderElementsOf(clients.stream().map(Client::id).toList());

        assertRefusedAndNothingChanged(() -> t.clientele.consent().audience(OWNER, TENANT, offers.id(),
                PageRequest.after(cursor, 2)));
    }

    @Test
    void cursors_of_one_list_do_not_open_another_list_of_the_same_client() {
        Client zephyrine = clients.get(0);
        t.clientele.notes().add(OWNER, TENANT, zephyrine.id(), "First visit");
        for (int i = 0; i < 2; i++) {
            t.clientele.orders().place(OWNER, TENANT, zephyrine.id(), List.of(OrderLineInput.bookingReference(
                    "bk-" + i, "Private session", "EUR", new BigDecimal("30.00"))));
        }
        Cursor auditCursor = t.clientele.audit().list(OWNER, TENANT, zephyrine.id(), PageRequest.first(1)).next()
                .orElseThrow();
        Cursor orderCursor = t.clientele.orders().listForClient(OWNER, TENANT, zephyrine.id(), PageRequest.first(1))
                .next().orElseThrow();

        assertRefusedAndNothingChanged(() -> t.clientele.orders().listForClient(OWNER, TENANT, zephyrine.id(),
                PageRequest.after(auditCursor, 1)));
        assertRefusedAndNothingChanged(() -> t.clientele.audit().list(OWNER, TENANT, zephyrine.id(),
                PageRequest.after(orderCursor, 1)));
    }

    @Test
    void the_query_fingerprint_covers_every_filter_of_the_client_list() {
        assertThat(Arrays.stream(ClientQuery.class.getRecordComponents()).map(RecordComponent::getName))
                .as("a new filter must join ClientQuery.fingerprint() and this test")
                .containsExactly("text", "status", "label", "group", "includeErased", "bouncedOnly");
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        ClientGroup yoga = t.clientele.groups().create(OWNER, TENANT, "Yoga");
        List<Function<ClientQuery, ClientQuery>> oneFilterEach = List.of(q -> q.withText("ab"),
                q -> q.withText("abc"), q -> q.withStatus(InvitationStatus.ADDED),
                q -> q.withStatus(InvitationStatus.INVITED), q -> q.withLabel(vip.id()), q -> q.withGroup(yoga.id()),
                ClientQuery::includingErased, ClientQuery::withBouncedOnly);

        List<String> fingerprints = new ArrayList<>();
        fingerprints.add(ClientQuery.all().fingerprint());
        oneFilterEach.forEach(f -> fingerprints.add(f.apply(ClientQuery.all()).fingerprint()));

        assertThat(fingerprints).doesNotHaveDuplicates();
        assertThat(ClientQuery.all().withText("Zéphyrine").fingerprint())
                .isEqualTo(ClientQuery.all().withText("ZEPHYRINE").fingerprint());
    }

    // ---------------------------------------------------------------- helpers

    private Clientele instance(byte[] key) {
        return t.memory.installInto(Clientele.builder()).clock(t.clock).ids(t.ids)
                .invitations(TestClientele.INVITATIONS).cursorKey(key).build();
    }

    private static byte[] key(byte fill) {
        byte[] key = new byte[CursorSeal.KEY_BYTES];
        Arrays.fill(key, fill);
        return key;
    }

    private static Cursor firstCursor(Clientele clientele, ClientQuery query) {
        return clientele.clients().list(OWNER, TENANT, query, PageRequest.first(1)).next().orElseThrow();
    }

    private static List<Cursor> allCursors(Clientele clientele, ClientQuery query) {
        return allCursorsAndIds(clientele, query).cursors();
    }

    private record Walk(List<Cursor> cursors, List<ClientId> ids) {
    }

    private static Walk allCursorsAndIds(Clientele clientele, ClientQuery query) {
        List<Cursor> cursors = new ArrayList<>();
        List<ClientId> ids = new ArrayList<>();
        Page<ClientSummary> page = clientele.clients().list(OWNER, TENANT, query, PageRequest.first(1));
        ids.addAll(page.items().stream().map(ClientSummary::id).toList());
        while (page.hasNext()) {
            Cursor next = page.next().orElseThrow();
            cursors.add(next);
            page = clientele.clients().list(OWNER, TENANT, query, PageRequest.after(next, 1));
            ids.addAll(page.items().stream().map(ClientSummary::id).toList());
        }
        return new Walk(cursors, ids);
    }

    private void assertRefusedAndNothingChanged(ThrowingCallable call) {
        Map<String, List<String>> before = t.storedState();
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("cursor");
            assertThat(e.rule()).isEqualTo("format");
        });
        assertThat(t.storedState()).as("a refused cursor changes nothing").isEqualTo(before);
    }
}
