package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.oneWins;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.Label;
import io.clientele.client.model.PassNumber;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.Race;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ClientRepository} must guarantee when units of work run at the same time, on two
 * threads with the store's real isolation: the unique email address and pass number hold under
 * simultaneous inserts (one is stored, the other is a {@code DUPLICATE}); of two updates of one
 * version one is stored and the other is {@code STALE_VERSION}; a client locked by {@code
 * findForUpdate} is handed to another unit of work (one by one, many at once, or by {@code
 * findMatchingForUpdate}) only after the holder ended, and then as the holder left it.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()} with a runner that lets
 * units of work run at the same time (in memory, {@code MemoryTransactions.interleaved()}), and
 * {@link #lockProbe()}. Each race runs a few rounds, so that an adapter without the guarantee
 * loses it. Not thread-safe: JUnit makes one instance per test.
 */
public abstract class ClientRepositoryConcurrencyContract {

    private static final int ROUNDS = 5;

    private ClientRepository clients;
    private TransactionRunner tx;
    private LockProbe probe;
    private Fixtures fx;
    private TenantId tenant;

    /**
     * The adapter under test and the runner whose units of work it joins, which must let units of
     * work run at the same time; called before each test. The store may hold other tests' clients.
     */
    protected abstract PortUnderTest<ClientRepository> createAdapter();

    /** Tells when a thread waits for a row lock of the adapter's store; called before each test, after {@link #createAdapter()}. */
    protected abstract LockProbe lockProbe();

    @BeforeEach
    void setUpClientRepositoryConcurrencyContract() {
        PortUnderTest<ClientRepository> adapter = createAdapter();
        clients = adapter.port();
        tx = adapter.transactions();
        probe = lockProbe();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
    }

    private Client insert(Client client) {
        return tx.inTransaction(() -> clients.insert(client));
    }

    private Client stored(ClientId id) {
        return tx.inReadOnlyTransaction(() -> clients.find(tenant, id)).orElseThrow();
    }

    private Callable<Client> inserting(Client client) {
        return () -> insert(client);
    }

    @Test
    void of_two_clients_inserted_at_once_with_one_email_address_one_is_stored_and_the_other_is_a_duplicate() {
        for (int round = 0; round < ROUNDS; round++) {
            String address = "round" + round + "@example.com";
            Client ana = fx.aClient(tenant).named("Ana", "Lopez").withEmail(address).build();
            Client bea = fx.aClient(tenant).named("Bea", "Lopez").withEmail(address).build();

            List<Race.Outcome<Client>> outcomes = Race.together(List.of(inserting(ana), inserting(bea)));

            int winner = oneWins(outcomes, ConflictException.Reason.DUPLICATE);
            ClientId stored = List.of(ana, bea).get(winner).id();
            assertThat(tx.inReadOnlyTransaction(() -> clients.findIdByEmail(tenant, EmailAddress.of(address))))
                    .contains(stored);
            ClientId lost = List.of(ana, bea).get(1 - winner).id();
            assertThat(tx.inReadOnlyTransaction(() -> clients.find(tenant, lost))).isEmpty();
        }
    }

    @Test
    void of_two_clients_inserted_at_once_with_one_pass_number_one_is_stored_and_the_other_is_a_duplicate() {
        for (int round = 0; round < ROUNDS; round++) {
            String pass = "CARD-" + round;
            Client ana = fx.aClient(tenant).named("Ana", "Lopez").withPass(pass).build();
            Client bea = fx.aClient(tenant).named("Bea", "Lopez").withPass(pass).build();

            int winner = oneWins(Race.together(List.of(inserting(ana), inserting(bea))),
                    ConflictException.Reason.DUPLICATE);

            assertThat(tx.inReadOnlyTransaction(() -> clients.findIdByPass(tenant, PassNumber.of(pass))))
                    .contains(List.of(ana, bea).get(winner).id());
        }
    }

    @Test
    void of_two_updates_of_one_version_at_once_one_is_stored_and_the_other_is_stale() {
        for (int round = 0; round < ROUNDS; round++) {
            Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
            Client locked = ana.withLocked(true, fx.now());
            Client invited = ana.markInvited(fx.now());

            List<Race.Outcome<Client>> outcomes = Race.together(List.of(
                    () -> tx.inTransaction(() -> clients.update(locked)),
                    () -> tx.inTransaction(() -> clients.update(invited))));

            int winner = oneWins(outcomes, ConflictException.Reason.STALE_VERSION);
            assertThat(stored(ana.id())).isEqualTo(List.of(locked, invited).get(winner).withVersion(1));
        }
    }

    @Test
    void a_locked_client_is_handed_to_another_unit_of_work_only_after_the_holder_ended_and_as_it_left_it() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());

        Race.Sequence<Client, Client> run = Race.holdAndWait(probe,
                holding -> () -> tx.inTransaction(() -> {
                    Client locked = clients.findForUpdate(tenant, ana.id()).orElseThrow();
                    holding.run();
                    return clients.update(locked.withLocked(true, fx.now()));
                }),
                () -> tx.inTransaction(() -> clients.findForUpdate(tenant, ana.id()).orElseThrow()));

        assertThat(run.holder().get().version()).isEqualTo(1);
        assertThat(run.waiter().get()).as("what the waiter read once it held the lock").isEqualTo(run.holder().get());
    }

    @Test
    void locking_many_clients_waits_for_a_lock_another_unit_of_work_holds_on_one_of_them() {
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").build());
        Client bea = insert(fx.aClient(tenant).named("Bea", "Lopez").build());
        Client cy = insert(fx.aClient(tenant).named("Cy", "Lopez").build());

        Race.Sequence<Client, List<Client>> run = Race.holdAndWait(probe,
                holding -> () -> tx.inTransaction(() -> {
                    Client locked = clients.findForUpdate(tenant, bea.id()).orElseThrow();
                    holding.run();
                    return clients.update(locked.withLocked(true, fx.now()));
                }),
                () -> tx.inTransaction(() -> clients.findAllForUpdate(tenant, List.of(cy.id(), bea.id(), ana.id()))));

        assertThat(run.waiter().get()).containsExactly(ana, run.holder().get(), cy);
    }

    @Test
    void the_locked_walk_of_a_labels_holders_waits_for_a_locked_holder_and_reads_the_change_made_under_the_lock() {
        Label vip = fx.label(tenant, "VIP");
        Client ana = insert(fx.aClient(tenant).named("Ana", "Lopez").withLabel(vip.id()).build());

        Race.Sequence<Client, List<Client>> run = Race.holdAndWait(probe,
                holding -> () -> tx.inTransaction(() -> {
                    Client locked = clients.findForUpdate(tenant, ana.id()).orElseThrow();
                    holding.run();
                    return clients.update(locked.withLocked(true, fx.now()));
                }),
                () -> tx.inTransaction(() -> clients.findMatchingForUpdate(tenant,
                        ClientQuery.all().withLabel(vip.id()), 10)));

        assertThat(run.holder().returned()).isTrue();
        assertThat(run.waiter().get()).extracting(Client::id).containsExactly(ana.id());
        assertThat(run.waiter().get().get(0).locked()).as("read as the holder left it").isTrue();
    }
}
