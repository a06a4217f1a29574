package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Address;
import io.clientele.client.model.AddressId;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.Label;
import io.clientele.client.model.PostalAddress;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many statements each client repository call sends to PostgreSQL, counted at the JDBC data
 * source (a JDBC batch counts once): a read is one statement whatever the client holds (the whole
 * profile is read in at most twelve statements, one per section), a batch look-up is one statement
 * whatever its size, a lock is one locking statement and one read, and a batch update sends the
 * same statements for five clients as for fifty.
 */
class PostgresClientStatementsTest {

    private static final List<String> STATEMENTS = new ArrayList<>();
    private static JpaAdapters jpa;

    private final Fixtures fx = Fixtures.standard();
    private final TenantId tenant = fx.newTenant();
    private final Label vip = fx.label(tenant, "VIP");
    private final Label regular = fx.label(tenant, "Regular");
    private ClientRepository clients;
    private int made;

    @BeforeAll
    static void countingAdapters() {
        DataSource counting = ProxyDataSourceBuilder.create(Databases.postgres())
                .afterQuery((execution, queries) -> {
                    synchronized (STATEMENTS) {
                        STATEMENTS.add(queries.get(0).getQuery());
                    }
                })
                .build();
        jpa = JpaAdapters.create(counting);
    }

    @AfterAll
    static void close() {
        jpa.close();
    }

    @BeforeEach
    void setUp() {
        clients = jpa.clients();
    }

    /** What {@code work} sent, one entry per statement or batch. */
    private static <T> List<String> statementsOf(Supplier<T> work) {
        synchronized (STATEMENTS) {
            STATEMENTS.clear();
        }
        work.get();
        synchronized (STATEMENTS) {
            return List.copyOf(STATEMENTS);
        }
    }

    private <T> List<String> reading(Supplier<T> work) {
        return statementsOf(() -> jpa.transactions().inReadOnlyTransaction(work));
    }

    private <T> List<String> writing(Supplier<T> work) {
        return statementsOf(() -> jpa.transactions().inTransaction(work));
    }

    private Client everything() {
        int n = made++;
        Client client = fx.aClient(tenant).named("Ana", "Lopez").withEmail("ana" + n + "@example.com")
                .withPhone("+33612345678").withPass("CARD-" + n + "-A").withPass("CARD-" + n + "-B")
                .withLabel(vip.id()).withLabel(regular.id()).inGroup(fx.group(tenant, "Morning").id()).build();
        for (int i = 0; i < 3; i++) {
            client = client.withAddressAdded(new Address(new AddressId(fx.nextId()),
                    PostalAddress.of(i + " rue de la Paix", "75002", "Paris", "FR")), fx.now());
        }
        return client;
    }

    private List<Client> stored(int count) {
        List<Client> inserted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Client client = everything();
            inserted.add(jpa.transactions().inTransaction(() -> clients.insert(client)));
        }
        return inserted;
    }

    @Test
    void reading_a_client_with_addresses_labels_groups_and_passes_is_one_statement() {
        Client ana = stored(1).get(0);

        List<String> sent = reading(() -> clients.find(tenant, ana.id()));

        assertThat(sent).hasSize(1);
        assertThat(jpa.transactions().inReadOnlyTransaction(() -> clients.find(tenant, ana.id()))).contains(ana);
    }

    @Test
    void the_batch_reads_are_one_statement_whatever_their_size() {
        List<Client> made = stored(30);
        List<ClientId> ids = made.stream().map(Client::id).toList();
        List<EmailAddress> emails = made.stream().map(c -> c.details().email().orElseThrow()).toList();

        assertThat(reading(() -> clients.findAll(tenant, ids))).hasSize(1);
        assertThat(reading(() -> clients.findMatching(tenant, ClientQuery.all().withLabel(vip.id()), 30))).hasSize(1);
        assertThat(reading(() -> clients.search(tenant, ClientQuery.all().withLabel(vip.id()), PageRequest.first(30))))
                .hasSize(1);
        assertThat(reading(() -> clients.findIdsByEmail(tenant, emails))).hasSize(1);
        assertThat(reading(() -> clients.countByStatus(tenant, ClientQuery.all().withLabel(vip.id())))).hasSize(1);
    }

    @Test
    void a_lock_is_one_locking_statement_in_id_order_and_one_read() {
        List<Client> made = stored(30);
        List<ClientId> ids = made.stream().map(Client::id).toList();

        List<String> one = writing(() -> clients.findForUpdate(tenant, ids.get(0)));
        List<String> many = writing(() -> clients.findAllForUpdate(tenant, ids));
        List<String> walk = writing(() -> clients.findMatchingForUpdate(tenant, ClientQuery.all().withLabel(vip.id()),
                30));

        for (List<String> sent : List.of(one, many, walk)) {
            assertThat(sent).hasSize(2);
            assertThat(sent.get(0)).contains("ORDER BY").endsWith("FOR UPDATE OF c");
            assertThat(sent.get(1)).doesNotContain("FOR UPDATE");
        }
    }

    @Test
    void a_batch_update_sends_the_same_statements_for_five_clients_as_for_fifty() {
        List<Client> five = stored(5);
        List<Client> fifty = stored(50);

        List<String> forFive = writing(() -> clients.updateAll(changed(five)));
        List<String> forFifty = writing(() -> clients.updateAll(changed(fifty)));

        assertThat(forFifty).hasSameSizeAs(forFive).hasSizeLessThanOrEqualTo(10);
    }

    /** Each client invited, one label taken off, one address added: a change of the row and of two tables. */
    private List<Client> changed(List<Client> batch) {
        return batch.stream().map(c -> c.markInvited(fx.now()).withLabel(regular.id(), false, fx.now())
                .withAddressAdded(new Address(new AddressId(fx.nextId()), PostalAddress.of("1 quai Voltaire", "75007",
                        "Paris", "FR")), fx.now())).toList();
    }

    @Test
    void an_insert_sends_the_client_row_then_one_batch_per_collection_table() {
        Client ana = everything();

        List<String> sent = writing(() -> clients.insert(ana));

        assertThat(sent).hasSize(5);
        assertThat(sent.get(0)).startsWith("insert into client ");
    }
}
