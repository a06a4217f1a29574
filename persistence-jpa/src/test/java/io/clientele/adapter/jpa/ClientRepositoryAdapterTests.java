package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.adapter.memory.InMemoryClientRepository;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.client.model.Address;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.BirthDate;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.CountryCode;
import io.clientele.client.model.ImageType;
import io.clientele.client.model.Label;
import io.clientele.client.model.LanguageTag;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.PhotoRef;
import io.clientele.client.model.PostalAddress;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.Race;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JPA client repository must get right beyond the port's contract, because of how it
 * stores clients: every field and the address order survive the round trip; the text filter
 * matches exactly what the in-memory adapter matches, folding included; the list order is
 * Java's; the label rows' copy of the sort key follows a rename; a version rises when only a
 * collection changed; a batch checks every version before it writes; a pass moves between two
 * clients of one batch; batches never deadlock; a locked walk is not cut short by a holder that
 * lost the label while the walk waited. Run on each database by a subclass.
 */
abstract class ClientRepositoryAdapterTests {

    private JpaAdapters jpa;
    private ClientRepository clients;
    private TransactionRunner tx;
    private final Fixtures fx = Fixtures.standard();
    private final TenantId tenant = fx.newTenant();

    /** The adapters on the database under test. */
    abstract JpaAdapters adapters();

    /** The lock probe of the database under test. */
    abstract LockProbe probe();

    @BeforeEach
    void setUpAdapter() {
        jpa = adapters();
        clients = jpa.clients();
        tx = jpa.transactions();
    }

    private Client insert(Client client) {
        return tx.inTransaction(() -> clients.insert(client));
    }

    private Client update(Client client) {
        return tx.inTransaction(() -> clients.update(client));
    }

    private Client stored(ClientId id) {
        return tx.inReadOnlyTransaction(() -> clients.find(tenant, id)).orElseThrow();
    }

    private Address address(String line1, String city) {
        return new Address(new AddressId(fx.nextId()), PostalAddress.of(line1, "75002", city, "FR"));
    }

    @Test
    void every_field_and_the_order_of_the_addresses_survive_the_round_trip() {
        Label vip = fx.label(tenant, "VIP");
        Client full = fx.aClient(tenant).named("Zoë", "O'Brien-Núñez").withEmail("zoe@bücher.de")
                .withPhone("+4915112345678").withPass("P-1").withPass("P-2").withLabel(vip.id())
                .inGroup(fx.group(tenant, "Morning").id()).invited().bounced().locked().build();
        PersonalDetails d = full.details();
        full = full.withDetails(new PersonalDetails(d.name(), d.email(), d.phone(),
                Optional.of(new BirthDate(LocalDate.of(1990, 2, 28))), Optional.of(LanguageTag.of("pt-BR"))), fx.now());
        full = full.withEmailRejected(fx.now()).withPhoto(new PhotoRef("photos/zoe.png", ImageType.PNG, 12_345),
                fx.now());
        Address home = address("1 rue de la Paix", "Paris");
        Address work = new Address(new AddressId(fx.nextId()), new PostalAddress("Hauptstraße 5",
                Optional.of("Hinterhaus"), "", "Berlin", Optional.of("Berlin"), CountryCode.of("DE")));
        Address club = address("3 quai Voltaire", "Paris");
        full = full.withAddressAdded(home, fx.now()).withAddressAdded(work, fx.now()).withAddressAdded(club, fx.now());

        Client inserted = insert(full);
        Client reordered = update(inserted.withAddressRemoved(home.id(), fx.now())
                .withAddressReplaced(new Address(work.id(), PostalAddress.of("Hauptstraße 6", "10115", "Berlin", "DE")),
                        fx.now())
                .withAddressAdded(home, fx.now()));

        assertThat(stored(full.id())).isEqualTo(reordered);
        assertThat(reordered.addresses()).extracting(Address::id).containsExactly(work.id(), club.id(), home.id());
        assertThat(reordered.addresses().get(0).postal().line1()).isEqualTo("Hauptstraße 6");
        assertThat(stored(full.id()).photo()).contains(new PhotoRef("photos/zoe.png", ImageType.PNG, 12_345));
    }

    @Test
    void the_client_table_answers_the_consent_audiences_join_by_tenant_id_id_and_erased_at() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        update(bea.erase(fx.now()));

        // the join ConsentLog.audience documents, on the names it documents
        List<Object> live = tx.inReadOnlyTransaction(() -> List.<Object>copyOf(jpa.entityManagers().current().createNativeQuery(
                        "SELECT c.id FROM client c WHERE c.tenant_id = :tenant AND c.id IN (:ids) AND c.erased_at IS NULL",
                        ClientTables.ID_MAPPING)
                .setParameter("tenant", tenant.value())
                .setParameter("ids", List.of(ana.id().value(), bea.id().value()))
                .getResultList()));

        assertThat(live).containsExactly((Object) ana.id().value());
    }

    @Test
    void the_text_filter_finds_exactly_what_the_in_memory_adapter_finds_with_the_same_folding() {
        MemoryTransactions memoryTx = new MemoryTransactions();
        InMemoryClientRepository memory = new InMemoryClientRepository(memoryTx);
        List<Client> people = List.of(
                fx.aClient(tenant).named("Ana", "López").withEmail("ana.lopez@example.com").withPhone("+33612345678")
                        .build(),
                fx.aClient(tenant).named("Béa", "Martin").withEmail("bea_m@example.com").build(),
                fx.aClient(tenant).named("דָּוִד", "כֹּהֵן").build(),
                fx.aClient(tenant).named("Æsa", "Strauß").withEmail("asa@example.org").build(),
                fx.aClient(tenant).named("Οδυσσέας", "Παπαδόπουλος").withPhone("+302101234567").build(),
                fx.aClient(tenant).named("Chloé", "Dupont-Lefèvre").withEmail("chloe%dupont@example.fr").build());
        for (Client c : people) {
            insert(c);
            memoryTx.run(() -> memory.insert(c));
        }
        List<String> texts = List.of("lope", "LÓPEZ", "ana lopez", "lopez ana", "z@ex", "bea_m", "a_l", "a%d",
                "e%d", "דוד", "כהן", "æs", "ae", "strauss", "strauß", "οδυσσεας", "ΠΑΠΑ", "06 12 34", "0612", "612345",
                "+33 6 12", "2101", "21 01", "ma", "lefevre", "dupont-l", "e.org", "zz");

        for (String text : texts) {
            ClientQuery query = ClientQuery.all().withText(text);
            List<ClientId> expected = memoryTx.inReadOnlyTransaction(
                    () -> memory.search(tenant, query, PageRequest.first(50))).items().stream()
                    .map(ClientSummary::id).toList();
            List<ClientId> found = tx.inReadOnlyTransaction(() -> clients.search(tenant, query, PageRequest.first(50)))
                    .items().stream().map(ClientSummary::id).toList();
            assertThat(found).as("clients found by %s", text).isEqualTo(expected);
            assertThat(tx.inReadOnlyTransaction(() -> clients.countByStatus(tenant, query)))
                    .as("counts for %s", text)
                    .isEqualTo(memoryTx.inReadOnlyTransaction(() -> memory.countByStatus(tenant, query)));
        }
        // the folding is the core's, not the database's: an unaccent-style folding would find these
        assertThat(search("strauss")).isEmpty();
        assertThat(search("ae")).isEmpty();
        assertThat(search("דוד")).hasSize(1);
        assertThat(search("a_l")).as("an underscore is a character, not a wildcard").isEmpty();
    }

    private List<ClientId> search(String text) {
        return tx.inReadOnlyTransaction(() -> clients.search(tenant, ClientQuery.all().withText(text),
                PageRequest.first(50))).items().stream().map(ClientSummary::id).toList();
    }

    @Test
    void the_client_list_sorts_by_utf16_code_units_as_java_does_not_by_code_points() {
        // U+10428 (Deseret, a surrogate pair D801 DC28) sorts below U+FF5A in UTF-16, above it by code point
        Client deseret = insert(fx.aClient(tenant).named("Ana", "\uD801\uDC28o").build());
        Client fullWidth = insert(fx.aClient(tenant).named("Ana", "\uFF5Ao").build());
        Client ascii = insert(fx.aClient(tenant).named("Ana", "Zo").build());

        List<ClientId> listed = new ArrayList<>();
        Page<ClientSummary> page = tx.inReadOnlyTransaction(() -> clients.search(tenant, ClientQuery.all(),
                PageRequest.first(1)));
        listed.add(page.items().get(0).id());
        while (page.next().isPresent()) {
            PageRequest next = PageRequest.after(page.next().get(), 1);
            page = tx.inReadOnlyTransaction(() -> clients.search(tenant, ClientQuery.all(), next));
            page.items().forEach(s -> listed.add(s.id()));
        }

        assertThat(listed).containsExactly(ascii.id(), deseret.id(), fullWidth.id());
    }

    @Test
    void renaming_a_client_moves_it_in_the_list_filtered_by_its_label() {
        Label vip = fx.label(tenant, "VIP");
        Client zeta = insert(fx.aClient(tenant).named("Ana", "Zeta").withLabel(vip.id()).build());
        Client mora = insert(fx.aClient(tenant).named("Bea", "Mora").withLabel(vip.id()).build());
        ClientQuery holders = ClientQuery.all().withLabel(vip.id());
        PersonalDetails d = zeta.details();

        update(zeta.withDetails(new PersonalDetails(new PersonName("Ana", "Alpha"), d.email(), d.phone(),
                d.birthDate(), d.preferredLanguage()), fx.now()));

        Page<ClientSummary> first = tx.inReadOnlyTransaction(() -> clients.search(tenant, holders,
                PageRequest.first(1)));
        Page<ClientSummary> second = tx.inReadOnlyTransaction(() -> clients.search(tenant, holders,
                PageRequest.after(first.next().orElseThrow(), 1)));
        assertThat(first.items()).extracting(ClientSummary::id).containsExactly(zeta.id());
        assertThat(second.items()).extracting(ClientSummary::id).containsExactly(mora.id());
        assertThat(second.next()).isEmpty();
    }

    @Test
    void a_change_of_the_collections_alone_still_raises_the_version() {
        Label vip = fx.label(tenant, "VIP");
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());

        // same instant: the client row itself is unchanged but for its version
        Client labelled = update(ana.withLabel(vip.id(), true, ana.updatedAt()));

        assertThat(labelled.version()).isEqualTo(1);
        assertThat(stored(ana.id())).isEqualTo(labelled);
        assertThatThrownBy(() -> update(ana.withLabel(vip.id(), false, ana.updatedAt())))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
    }

    @Test
    void a_batch_with_a_stale_client_writes_nothing_even_for_a_caller_that_goes_on_and_commits() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        Client beaNow = update(bea.withLocked(true, fx.now()));

        Optional<ConflictException> refused = tx.inTransaction(() -> {
            try {
                clients.updateAll(List.of(ana.markInvited(fx.now()), bea.markInvited(fx.now())));
                return Optional.empty();
            } catch (ConflictException e) {
                return Optional.of(e);
            }
        });

        assertThat(refused).hasValueSatisfying(
                e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThat(stored(ana.id())).isEqualTo(ana);
        assertThat(stored(bea.id())).isEqualTo(beaNow);
    }

    @Test
    void a_pass_released_by_one_client_and_linked_to_another_in_one_batch_is_stored() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withPass("CARD-7").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        PassNumber card = PassNumber.of("CARD-7");

        List<Client> stored = tx.inTransaction(() -> clients.updateAll(List.of(ana.withPass(card, false, fx.now()),
                bea.withPass(card, true, fx.now()))));

        assertThat(stored).extracting(Client::version).containsExactly(1L, 1L);
        assertThat(tx.inReadOnlyTransaction(() -> clients.findIdByPass(tenant, card))).contains(bea.id());
        assertThat(stored(ana.id()).passes()).isEmpty();
    }

    @Test
    void two_batches_changing_the_same_clients_in_opposite_orders_never_deadlock() {
        for (int round = 0; round < 5; round++) {
            Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
            Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());

            List<Race.Outcome<List<Client>>> outcomes = Race.together(List.of(
                    () -> tx.inTransaction(() -> clients.updateAll(List.of(ana.withLocked(true, fx.now()),
                            bea.withLocked(true, fx.now())))),
                    () -> tx.inTransaction(() -> clients.updateAll(List.of(bea.markInvited(fx.now()),
                            ana.markInvited(fx.now()))))));

            assertThat(outcomes.stream().filter(Race.Outcome::returned)).as("one batch is stored").hasSize(1);
            Race.Outcome<List<Client>> loser = outcomes.stream().filter(o -> !o.returned()).findFirst().orElseThrow();
            assertThat(loser.thrown().orElseThrow()).as("the other finds a stale version, not a deadlock")
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        }
    }

    @Test
    void a_locked_walk_is_not_cut_short_by_a_holder_that_lost_the_label_while_the_walk_waited_for_it() {
        Label vip = fx.label(tenant, "VIP");
        List<Client> holders = new ArrayList<>(List.of(
                insert(fx.aClient(tenant).named("Ana", "Lopez").withLabel(vip.id()).build()),
                insert(fx.aClient(tenant).named("Bea", "Lopez").withLabel(vip.id()).build()),
                insert(fx.aClient(tenant).named("Cy", "Lopez").withLabel(vip.id()).build())));
        holders.sort(Comparator.comparing(c -> c.id().value()));
        Client first = holders.get(0);
        fx.advance(Duration.ofMinutes(1));

        Race.Sequence<Client, List<Client>> run = Race.holdAndWait(probe(),
                holding -> () -> tx.inTransaction(() -> {
                    Client locked = clients.findForUpdate(tenant, first.id()).orElseThrow();
                    holding.run();
                    return clients.update(locked.withLabel(vip.id(), false, fx.now()));
                }),
                () -> tx.inTransaction(() -> clients.findMatchingForUpdate(tenant, ClientQuery.all().withLabel(vip.id()),
                        2)));

        assertThat(run.holder().returned()).isTrue();
        assertThat(run.waiter().get()).as("the two holders left, in id order").extracting(Client::id)
                .containsExactly(holders.get(1).id(), holders.get(2).id());
    }

    @Test
    void a_locked_walk_leaves_the_clients_after_its_limit_unlocked() throws Exception {
        List<Client> four = new ArrayList<>();
        for (String name : List.of("Ana", "Ben", "Cy", "Dee")) {
            four.add(insert(fx.aClient(tenant).named(name, "Walker").build()));
        }
        four.sort(Comparator.comparing(c -> c.id().value()));
        CountDownLatch walked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Client>> walk = threads.submit(() -> tx.inTransaction(() -> {
                List<Client> locked = clients.findMatchingForUpdate(tenant, ClientQuery.all(), 2);
                walked.countDown();
                awaitQuietly(release);
                return locked;
            }));
            assertThat(walked.await(30, TimeUnit.SECONDS)).isTrue();

            // another unit locks the two clients after the walk's: it must not wait for the walk
            Future<List<Client>> rest = threads.submit(() -> tx.inTransaction(
                    () -> clients.findAllForUpdate(tenant, List.of(four.get(2).id(), four.get(3).id()))));

            assertThat(rest.get(10, TimeUnit.SECONDS)).extracting(Client::id)
                    .containsExactly(four.get(2).id(), four.get(3).id());
            release.countDown();
            assertThat(walk.get(30, TimeUnit.SECONDS)).extracting(Client::id)
                    .containsExactly(four.get(0).id(), four.get(1).id());
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
