package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.model.PassNumber;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.model.StatusCounts;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ClientRepository}: clients are found in their tenant only; email
 * addresses (among non-erased clients) and pass numbers are unique per tenant ({@code DUPLICATE});
 * updates are version-checked ({@code STALE_VERSION}), one by one or all or none; the id walk and
 * the client list keep their orders and page bounds; counts per status set erased clients apart;
 * removing a label or group from everyone rewrites exactly their holders; a rolled-back unit of
 * work leaves nothing. Row locks under concurrency are {@link ClientRepositoryConcurrencyContract}'s.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class ClientRepositoryContract {

    private ClientRepository clients;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' clients: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<ClientRepository> createAdapter();

    @BeforeEach
    void setUpClientRepositoryContract() {
        PortUnderTest<ClientRepository> adapter = createAdapter();
        clients = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
    }

    private Client insert(Client client) {
        return tx.inTransaction(() -> clients.insert(client));
    }

    private Client update(Client client) {
        return tx.inTransaction(() -> clients.update(client));
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<Client> find(TenantId in, ClientId id) {
        return read(() -> clients.find(in, id));
    }

    private Client renamed(Client client, String firstName) {
        PersonalDetails d = client.details();
        return client.withDetails(new PersonalDetails(new PersonName(firstName,
                d.name().lastName()), d.email(), d.phone(), d.birthDate(), d.preferredLanguage()), fx.now());
    }

    private Client withEmail(Client client, String address) {
        PersonalDetails d = client.details();
        return client.withDetails(new PersonalDetails(d.name(), Optional.of(EmailAddress.of(address)), d.phone(),
                d.birthDate(), d.preferredLanguage()), fx.now());
    }

    @Test
    void a_new_client_is_stored_at_version_0_and_found_in_its_tenant_only() {
        Client ana = fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana@example.com").withPass("P-1").build()
                .withVersion(7);

        Client stored = insert(ana);

        assertThat(stored).isEqualTo(ana.withVersion(0));
        assertThat(find(tenant, ana.id())).contains(ana.withVersion(0));
        assertThat(find(otherTenant, ana.id())).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());

        duplicate(() -> insert(renamed(ana, "Bea")));

        assertThat(find(tenant, ana.id())).contains(ana);
    }

    @Test
    void an_email_address_is_unique_among_the_clients_of_a_tenant() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana@example.com").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").withEmail("bea@example.com").build());
        Client twin = fx.aClient(tenant).named("Ana", "Twin").withEmail("ANA@example.com").build();

        duplicate(() -> insert(twin));
        duplicate(() -> update(withEmail(bea, "ana@example.com")));

        assertThat(find(tenant, twin.id())).isEmpty();
        assertThat(find(tenant, bea.id())).contains(bea);
        assertThat(read(() -> clients.findIdByEmail(tenant, EmailAddress.of("ana@example.com")))).contains(ana.id());
        Client elsewhere = fx.aClient(otherTenant).named("Ana", "Lopez").withEmail("ana@example.com").build();
        assertThat(insert(elsewhere).id()).as("another tenant may hold the address").isEqualTo(elsewhere.id());
    }

    @Test
    void an_erased_client_frees_its_email_address_for_another_client() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana@example.com").build());
        update(ana.erase(fx.now()));

        Client next = insert(fx.aClient(tenant).named("Ana", "Again").withEmail("ana@example.com").build());

        assertThat(read(() -> clients.findIdByEmail(tenant, EmailAddress.of("ana@example.com"))))
                .contains(next.id());
    }

    @Test
    void a_pass_number_is_linked_to_one_client_of_a_tenant_at_most() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withPass("CARD-1").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());

        duplicate(() -> insert(fx.aClient(tenant).named("Cy", "Lopez").withPass("card-1").build()));
        duplicate(() -> update(bea.withPass(PassNumber.of("CARD-1"), true, fx.now())));

        assertThat(find(tenant, bea.id())).contains(bea);
        assertThat(read(() -> clients.findIdByPass(tenant, PassNumber.of("CARD-1")))).contains(ana.id());
        assertThat(read(() -> clients.findIdByPass(otherTenant, PassNumber.of("CARD-1")))).isEmpty();
        Client elsewhere = insert(fx.aClient(otherTenant).named("Ana", "Lopez").withPass("CARD-1").build());
        assertThat(read(() -> clients.findIdByPass(otherTenant, PassNumber.of("CARD-1")))).contains(elsewhere.id());
    }

    @Test
    void an_update_stores_the_change_and_raises_the_version_by_one() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        fx.advance(Duration.ofMinutes(1));

        Client stored = update(renamed(ana, "Anna"));
        Client again = update(stored.withLocked(true, fx.now()));

        assertThat(stored.version()).isEqualTo(1);
        assertThat(again.version()).isEqualTo(2);
        assertThat(find(tenant, ana.id())).contains(again);
        assertThat(again.details().name().firstName()).isEqualTo("Anna");
        assertThat(again.locked()).isTrue();
    }

    @Test
    void an_update_of_a_stale_version_is_a_conflict_and_changes_nothing() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client current = update(renamed(ana, "Anna"));

        stale(() -> update(renamed(ana, "Annie")));

        assertThat(find(tenant, ana.id())).contains(current);
    }

    @Test
    void an_update_of_a_client_that_is_not_stored_is_a_stale_version_conflict() {
        Client ghost = fx.aClient(tenant).named("Ana", "Lopez").build();

        stale(() -> update(ghost));

        assertThat(find(tenant, ghost.id())).isEmpty();
    }

    @Test
    void updating_many_clients_stores_all_of_them_in_the_given_order_with_their_versions_raised() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        Client beaNow = update(bea.withLocked(true, fx.now()));

        List<Client> stored = tx.inTransaction(() -> clients.updateAll(List.of(beaNow.markInvited(fx.now()),
                ana.markInvited(fx.now()))));

        assertThat(stored).extracting(Client::id).containsExactly(bea.id(), ana.id());
        assertThat(stored).extracting(Client::version).containsExactly(2L, 1L);
        assertThat(find(tenant, bea.id())).contains(stored.get(0));
        assertThat(find(tenant, ana.id())).contains(stored.get(1));
        assertThat(stored.get(0).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(tx.inTransaction(() -> clients.updateAll(List.of()))).isEmpty();
    }

    @Test
    void updating_many_clients_stores_none_when_one_of_them_is_stale() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        Client beaNow = update(bea.withLocked(true, fx.now()));

        stale(() -> tx.inTransaction(() -> clients.updateAll(List.of(ana.markInvited(fx.now()),
                bea.markInvited(fx.now())))));

        assertThat(find(tenant, ana.id())).contains(ana);
        assertThat(find(tenant, bea.id())).contains(beaNow);
    }

    @Test
    void invitation_states_are_stored_as_update_all_stores_them_and_the_rest_of_each_client_is_kept() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana@example.com")
                .withPhone("+41791234567").withPass("PASS-1").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").withEmail("bea@example.com").invited().build());
        Client cy = insert(fx.aClient(otherTenant).named("Cy", "Lopez").withEmail("cy@example.com").build());
        Client beaNow = update(bea.withLocked(true, fx.now()));
        fx.advance(Duration.ofMinutes(5));

        List<Client> stored = tx.inTransaction(() -> clients.updateInvitationStates(List.of(
                ana.markInvited(fx.now()), beaNow.withEmailRejected(fx.now()), cy.markInvited(fx.now()))));

        assertThat(stored).extracting(Client::id).containsExactly(ana.id(), bea.id(), cy.id());
        assertThat(stored).extracting(Client::version).containsExactly(1L, 2L, 1L);
        assertThat(find(tenant, ana.id())).contains(stored.get(0));
        assertThat(find(tenant, bea.id())).contains(stored.get(1));
        assertThat(find(otherTenant, cy.id())).contains(stored.get(2));
        assertThat(stored.get(0).invitationStatus()).isEqualTo(InvitationStatus.INVITED);
        assertThat(stored.get(0).passes()).containsExactlyElementsOf(ana.passes());
        assertThat(stored.get(1).emailRejectedAt()).contains(fx.now());
        assertThat(stored.get(1).locked()).isTrue();
        assertThat(tx.inTransaction(() -> clients.updateInvitationStates(List.of()))).isEmpty();
    }

    @Test
    void invitation_states_are_stored_for_none_when_one_client_is_stale_or_unknown() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        Client beaNow = update(bea.withLocked(true, fx.now()));
        Client ghost = fx.aClient(tenant).named("Gus", "Lopez").build();

        stale(() -> tx.inTransaction(() -> clients.updateInvitationStates(List.of(ana.markInvited(fx.now()),
                bea.markInvited(fx.now())))));
        stale(() -> tx.inTransaction(() -> clients.updateInvitationStates(List.of(ana.markInvited(fx.now()),
                ghost.markInvited(fx.now())))));

        assertThat(find(tenant, ana.id())).contains(ana);
        assertThat(find(tenant, bea.id())).contains(beaNow);
        assertThat(find(tenant, ghost.id())).isEmpty();
    }

    @Test
    void updating_many_clients_stores_none_when_one_of_them_takes_another_clients_address() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana@example.com").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").withEmail("bea@example.com").build());
        Client cy = insert(fx.aClient(tenant).named("Cy", "Lopez").withEmail("cy@example.com").build());

        duplicate(() -> tx.inTransaction(() -> clients.updateAll(List.of(renamed(ana, "Anna"),
                withEmail(bea, "cy@example.com")))));

        assertThat(find(tenant, ana.id())).contains(ana);
        assertThat(find(tenant, bea.id())).contains(bea);
        assertThat(find(tenant, cy.id())).contains(cy);
    }

    @Test
    void finding_many_clients_answers_each_client_of_the_tenant_once_and_leaves_out_the_others() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        Client elsewhere = insert(fx.aClient(otherTenant).named("Cy", "Lopez").build());

        List<Client> found = read(() -> clients.findAll(tenant, List.of(bea.id(), fx.newClientId(), ana.id(),
                elsewhere.id(), bea.id())));

        assertThat(found).containsExactlyInAnyOrder(ana, bea);
        assertThat(read(() -> clients.findAll(tenant, List.of()))).isEmpty();
    }

    @Test
    void the_batch_look_ups_and_the_batch_update_handle_a_hundred_clients_at_once() {
        List<Client> made = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            made.add(insert(fx.aClient(tenant).named("Client", "Number").withEmail("client" + i + "@example.com")
                    .build()));
        }
        List<ClientId> ids = made.stream().map(Client::id).toList();
        List<ClientId> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);

        assertThat(read(() -> clients.findAll(tenant, reversed))).containsExactlyInAnyOrderElementsOf(made);
        assertThat(tx.inTransaction(() -> clients.findAllForUpdate(tenant, reversed))).extracting(Client::id)
                .containsExactlyElementsOf(ids);
        assertThat(read(() -> clients.findIdsByEmail(tenant, made.stream()
                .map(c -> c.details().email().orElseThrow()).toList()))).hasSize(100).containsValues(
                        ids.toArray(ClientId[]::new));
        List<Client> stored = tx.inTransaction(() -> clients.updateAll(made.stream()
                .map(c -> c.markInvited(fx.now())).toList()));
        assertThat(stored).extracting(Client::version).containsOnly(1L);
        assertThat(read(() -> clients.countByStatus(tenant, ClientQuery.all()))).isEqualTo(new StatusCounts(0, 100,
                0, 0));
    }

    @Test
    void the_id_walk_answers_matching_clients_in_id_order_after_the_position_up_to_the_limit() {
        List<Client> made = new ArrayList<>();
        for (String name : List.of("Ana", "Bea", "Cy", "Dee", "Eve")) {
            made.add(insert(fx.aClient(tenant).named(name, "Lopez").build()));
        }
        insert(fx.aClient(otherTenant).named("Fay", "Lopez").build());
        List<ClientId> inIdOrder = made.stream().map(Client::id).sorted(Comparator.comparing(ClientId::value))
                .toList();

        List<Client> first = read(() -> clients.findMatching(tenant, ClientQuery.all(), 2));
        List<Client> next = read(() -> clients.findMatching(tenant, ClientQuery.all(),
                first.get(1).id(), 2));
        List<Client> last = read(() -> clients.findMatching(tenant, ClientQuery.all(),
                next.get(1).id(), 2));
        List<Client> after = read(() -> clients.findMatching(tenant, ClientQuery.all(),
                last.get(0).id(), 2));

        assertThat(first).extracting(Client::id).containsExactlyElementsOf(inIdOrder.subList(0, 2));
        assertThat(next).extracting(Client::id).containsExactlyElementsOf(inIdOrder.subList(2, 4));
        assertThat(last).extracting(Client::id).containsExactly(inIdOrder.get(4));
        assertThat(after).isEmpty();
    }

    @Test
    void the_id_walk_keeps_only_the_clients_matching_every_filter() {
        Label vip = fx.label(tenant, "VIP");
        ClientGroup morning = fx.group(tenant, "Morning");
        Client both = insert(fx.aClient(tenant).named("Ana", "Lopez").withLabel(vip.id()).inGroup(morning.id())
                .invited().build());
        insert(fx.aClient(tenant).named("Bea", "Lopez").withLabel(vip.id()).build());
        insert(fx.aClient(tenant).named("Cy", "Lopez").inGroup(morning.id()).invited().build());
        Client erased = insert(fx.aClient(tenant).named("Dee", "Lopez").withLabel(vip.id()).inGroup(morning.id())
                .invited().build());
        update(erased.erase(fx.now()));

        ClientQuery query = ClientQuery.all().withLabel(vip.id()).withGroup(morning.id())
                .withStatus(InvitationStatus.INVITED);
        List<Client> found = read(() -> clients.findMatching(tenant, query, 10));
        List<Client> withErased = read(() -> clients.findMatching(tenant, ClientQuery.all().includingErased()
                .withStatus(InvitationStatus.INVITED), 10));

        assertThat(found).extracting(Client::id).containsExactly(both.id());
        assertThat(withErased).extracting(Client::id).contains(erased.id());
        assertThat(read(() -> clients.findMatching(tenant, ClientQuery.all().withStatus(InvitationStatus.INVITED),
                10))).extracting(Client::id).doesNotContain(erased.id());
    }

    @Test
    void locking_a_client_answers_it_in_its_tenant_only() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());

        assertThat(tx.inTransaction(() -> clients.findForUpdate(tenant, ana.id()))).contains(ana);
        assertThat(tx.inTransaction(() -> clients.findForUpdate(otherTenant, ana.id()))).isEmpty();
        assertThat(tx.inTransaction(() -> clients.findForUpdate(tenant, fx.newClientId()))).isEmpty();
    }

    @Test
    void locking_many_clients_answers_each_once_in_client_id_order() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        Client cy = insert(fx.aClient(tenant).named("Cy", "Lopez").build());
        Client elsewhere = insert(fx.aClient(otherTenant).named("Dee", "Lopez").build());

        List<Client> locked = tx.inTransaction(() -> clients.findAllForUpdate(tenant, List.of(cy.id(), ana.id(),
                fx.newClientId(), elsewhere.id(), bea.id(), cy.id())));

        assertThat(locked).extracting(Client::id).containsExactly(ana.id(), bea.id(), cy.id());
        assertThat(tx.inTransaction(() -> clients.findAllForUpdate(tenant, List.of()))).isEmpty();
    }

    @Test
    void the_holders_of_addresses_are_found_in_the_tenant_one_or_many_at_once() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana@example.com").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").withEmail("bea@example.com").build());
        insert(fx.aClient(otherTenant).named("Cy", "Lopez").withEmail("cy@example.com").build());

        Map<EmailAddress, ClientId> holders = read(() -> clients.findIdsByEmail(tenant,
                List.of(EmailAddress.of("ana@example.com"), EmailAddress.of("bea@example.com"),
                        EmailAddress.of("cy@example.com"), EmailAddress.of("nobody@example.com"),
                        EmailAddress.of("ana@example.com"))));

        assertThat(holders).containsOnly(Map.entry(EmailAddress.of("ana@example.com"), ana.id()),
                Map.entry(EmailAddress.of("bea@example.com"), bea.id()));
        assertThat(read(() -> clients.findIdsByEmail(tenant, List.of()))).isEmpty();
        assertThat(read(() -> clients.findIdByEmail(tenant, EmailAddress.of("cy@example.com")))).isEmpty();
        assertThat(read(() -> clients.findIdByEmail(tenant, EmailAddress.of("BEA@Example.com")))).contains(bea.id());
    }

    @Test
    void the_client_list_is_sorted_by_last_then_first_name_ignoring_case_and_accents_then_by_id() {
        Client anaMartin = insert(fx.aClient(tenant).named("Ana", "Martin").build());
        Client beaMartin = insert(fx.aClient(tenant).named("Bea", "martin").build());
        Client cyEbert = insert(fx.aClient(tenant).named("Cy", "Ébert").build());
        Client deeEber = insert(fx.aClient(tenant).named("Dee", "Eber").build());
        Client eveLiAnn = insert(fx.aClient(tenant).named("Eve", "Li Ann").build());
        Client fayLi = insert(fx.aClient(tenant).named("Fay", "Li").build());
        Client anaMartinTwin = insert(fx.aClient(tenant).named("ana", "MARTIN").build());
        insert(fx.aClient(otherTenant).named("Aaron", "Aaronson").build());

        List<ClientId> listed = new ArrayList<>();
        Page<ClientSummary> page = read(() -> clients.search(tenant, ClientQuery.all(), PageRequest.first(3)));
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.items().size());
            page.items().forEach(s -> listed.add(s.id()));
            if (page.next().isEmpty()) {
                break;
            }
            PageRequest next = PageRequest.after(page.next().get(), 3);
            page = read(() -> clients.search(tenant, ClientQuery.all(), next));
        }

        // "eber" ends before "ebert"; "li" before "li ann"; the two "ana martin" by id
        assertThat(listed).containsExactly(deeEber.id(), cyEbert.id(), fayLi.id(), eveLiAnn.id(), anaMartin.id(),
                anaMartinTwin.id(), beaMartin.id());
        assertThat(sizes).containsExactly(3, 3, 1);
    }

    @Test
    void the_client_list_keeps_only_the_clients_matching_its_filters() {
        Label vip = fx.label(tenant, "VIP");
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana.lopez@example.com")
                .withPhone("+33612345678").withLabel(vip.id()).build());
        Client bea = insert(fx.aClient(tenant).named("Béa", "Martin").withEmail("bea@example.com").bounced()
                .invited().build());
        Client erased = insert(fx.aClient(tenant).named("Cy", "Lopez").build());
        update(erased.erase(fx.now()));

        assertThat(search(ClientQuery.all().withText("lope"))).containsExactly(ana.id());
        assertThat(search(ClientQuery.all().withText("BEA"))).containsExactly(bea.id());
        assertThat(search(ClientQuery.all().withText("612345"))).containsExactly(ana.id());
        assertThat(search(ClientQuery.all().withText("lopez@exa"))).containsExactly(ana.id());
        assertThat(search(ClientQuery.all().withLabel(vip.id()))).containsExactly(ana.id());
        assertThat(search(ClientQuery.all().withStatus(InvitationStatus.INVITED))).containsExactly(bea.id());
        assertThat(search(ClientQuery.all().withBouncedOnly())).containsExactly(bea.id());
        assertThat(search(ClientQuery.all())).containsExactlyInAnyOrder(ana.id(), bea.id());
        assertThat(search(ClientQuery.all().includingErased())).containsExactlyInAnyOrder(ana.id(), bea.id(),
                erased.id());
    }

    private List<ClientId> search(ClientQuery query) {
        return read(() -> clients.search(tenant, query, PageRequest.first(50))).items().stream()
                .map(ClientSummary::id).toList();
    }

    @Test
    void counts_per_status_count_erased_clients_apart_and_only_when_the_query_includes_them() {
        Label vip = fx.label(tenant, "VIP");
        insert(fx.aClient(tenant).named("Ana", "Lopez").withLabel(vip.id()).build());
        insert(fx.aClient(tenant).named("Bea", "Lopez").withLabel(vip.id()).invited().build());
        insert(fx.aClient(tenant).named("Cy", "Lopez").invited().build());
        insert(fx.aClient(tenant).named("Dee", "Lopez").withLabel(vip.id()).invited().accepted().build());
        Client erased = insert(fx.aClient(tenant).named("Eve", "Lopez").withLabel(vip.id()).invited().build());
        update(erased.erase(fx.now()));
        insert(fx.aClient(otherTenant).named("Fay", "Lopez").build());

        assertThat(read(() -> clients.countByStatus(tenant, ClientQuery.all())))
                .isEqualTo(new StatusCounts(1, 2, 1, 0));
        assertThat(read(() -> clients.countByStatus(tenant, ClientQuery.all().includingErased())))
                .isEqualTo(new StatusCounts(1, 2, 1, 1));
        assertThat(read(() -> clients.countByStatus(tenant, ClientQuery.all().withLabel(vip.id()))))
                .isEqualTo(new StatusCounts(1, 1, 1, 0));
    }

    @Test
    void the_locked_walk_of_a_label_or_group_finds_exactly_its_holders_in_the_tenant_in_id_order() {
        Label vip = fx.label(tenant, "VIP");
        Label other = fx.label(tenant, "Other");
        ClientGroup morning = fx.group(tenant, "Morning");
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withLabel(vip.id()).withLabel(other.id())
                .inGroup(morning.id()).build());
        insert(fx.aClient(tenant).named("Bea", "Lopez").withLabel(other.id()).build());
        Client cy = insert(fx.aClient(tenant).named("Cy", "Lopez").withLabel(vip.id()).build());
        insert(fx.aClient(otherTenant).named("Dee", "Lopez").withLabel(vip.id()).inGroup(morning.id()).build());
        List<ClientId> holders = List.of(ana.id(), cy.id()).stream().sorted(Comparator.comparing(ClientId::value))
                .toList();
        ClientQuery withVip = ClientQuery.all().withLabel(vip.id());

        List<Client> first = tx.inTransaction(() -> clients.findMatchingForUpdate(tenant, withVip, 1));
        List<Client> next = tx.inTransaction(() -> clients.findMatchingForUpdate(tenant, withVip,
                first.get(0).id(), 10));
        List<Client> members = tx.inTransaction(() -> clients.findMatchingForUpdate(tenant,
                ClientQuery.all().withGroup(morning.id()), 10));

        assertThat(first).extracting(Client::id).containsExactly(holders.get(0));
        assertThat(next).extracting(Client::id).containsExactly(holders.get(1));
        assertThat(members).extracting(Client::id).containsExactly(ana.id());
    }

    @Test
    void a_chunk_of_holders_loses_the_label_with_one_update_of_all_and_keeps_the_rest_of_each_client() {
        Label vip = fx.label(tenant, "VIP");
        Label other = fx.label(tenant, "Other");
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withLabel(vip.id()).withLabel(other.id())
                .build());
        Client cy = update(insert(fx.aClient(tenant).named("Cy", "Lopez").withLabel(vip.id()).build())
                .withLocked(true, fx.now()));
        Instant now = fx.advance(Duration.ofHours(1));

        tx.run(() -> clients.updateAll(clients.findMatchingForUpdate(tenant, ClientQuery.all().withLabel(vip.id()), 10)
                .stream().map(c -> c.withLabel(vip.id(), false, now)).toList()));

        Client anaNow = find(tenant, ana.id()).orElseThrow();
        assertThat(anaNow.labels()).containsExactly(other.id());
        assertThat(anaNow.version()).isEqualTo(1);
        assertThat(anaNow.updatedAt()).isEqualTo(now);
        Client cyNow = find(tenant, cy.id()).orElseThrow();
        assertThat(cyNow.labels()).isEmpty();
        assertThat(cyNow.locked()).as("the rest of the client stays").isTrue();
        assertThat(tx.inTransaction(() -> clients.findMatchingForUpdate(tenant,
                ClientQuery.all().withLabel(vip.id()), 10))).isEmpty();
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_client_no_change_and_no_taken_address() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana@example.com").build());
        Client bea = fx.aClient(tenant).named("Bea", "Lopez").withEmail("bea@example.com").withPass("CARD-2").build();

        rolledBack(tx, () -> {
            clients.insert(bea);
            clients.update(renamed(ana, "Anna"));
            clients.updateAll(List.of());
        });

        assertThat(find(tenant, bea.id())).isEmpty();
        assertThat(find(tenant, ana.id())).contains(ana);
        Client again = insert(fx.aClient(tenant).named("Bea", "Again").withEmail("bea@example.com")
                .withPass("CARD-2").build());
        assertThat(read(() -> clients.findIdByEmail(tenant, EmailAddress.of("bea@example.com"))))
                .contains(again.id());
        assertThat(read(() -> clients.findIdByPass(tenant, PassNumber.of("CARD-2")))).contains(again.id());
    }
}
