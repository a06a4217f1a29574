package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.testing.TestClientele;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

public class InMemoryAdaptersTest {

    /** Every store the in-memory adapters hold data in; scans over all of them rely on this list. */
    public static final List<String> STORE_NAMES = List.of("clients", "labels", "groups", "notes", "audit", "photos",
            "events", "outbox", "tokens", "campaigns", "preferences", "consents", "credentials", "credits", "orders",
            "intake-forms", "payment-methods", "membership-types", "memberships", "membership-issuance");


    private static final int THREADS = 8;

    private final TestClientele t = new TestClientele();
    private final InMemoryClientRepository clients = t.memory.clients();
    private final Ids ids = new Ids(t.clock);

    @Nested
    class OptimisticLocking {

        @Test
        void an_update_bumps_the_version_by_one() {
            Client ana = clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));

            Client locked = clients.update(ana.withLocked(true, t.clock.instant()));

            assertThat(locked.version()).isEqualTo(ana.version() + 1);
            assertThat(clients.find(TENANT, ana.id())).contains(locked);
        }

        @Test
        void an_update_from_an_old_version_is_stale_and_changes_nothing() {
            Client ana = clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));
            Client current = clients.update(ana.withLocked(true, t.clock.instant()));

            ConflictException e = catchThrowableOfType(
                    () -> clients.update(ana.withDetails(details("Anabel", "López", "ana@example.com"),
                            t.clock.instant())),
                    ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION);
            assertThat(e.code()).isEqualTo("conflict.stale_version");
            assertThat(clients.find(TENANT, ana.id())).contains(current);
        }

        @Test
        void an_update_of_a_client_that_was_never_stored_changes_nothing() {
            Client ghost = newClient(TENANT, "Gus", "Ghost", null);

            ConflictException e = catchThrowableOfType(() -> clients.update(ghost), ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION);
            assertThat(clients.find(TENANT, ghost.id())).isEmpty();
        }

        @Test
        void an_edit_through_the_service_with_an_old_version_is_stale_and_changes_nothing() {
            Client ana = t.ana();
            Client edited = t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                    ClientDetails.named("Anabel", "López"));
            int auditBefore = t.memory.audit().all(TENANT).size();

            ConflictException e = catchThrowableOfType(() -> t.clientele.clients().editDetails(OWNER, TENANT,
                    ana.id(), ana.version(), ClientDetails.named("Ann", "López")), ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION);
            assertThat(t.reload(ana.id())).isEqualTo(edited);
            assertThat(t.memory.audit().all(TENANT)).hasSize(auditBefore);
        }

        @Test
        void of_eight_simultaneous_updates_of_one_version_exactly_one_wins() throws Exception {
            Client ana = clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));

            List<Outcome<Client>> outcomes = race(i -> () -> clients.update(
                    ana.withDetails(details("Ana" + "abcdefgh".charAt(i), "López", "ana@example.com"),
                            t.clock.instant())));

            List<Client> winners = outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Outcome::failure))
                    .hasSize(THREADS - 1)
                    .allSatisfy(f -> assertThat(f).isInstanceOfSatisfying(ConflictException.class,
                            c -> assertThat(c.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION)));
            Client stored = clients.find(TENANT, ana.id()).orElseThrow();
            assertThat(stored).isEqualTo(winners.get(0));
            assertThat(stored.version()).isEqualTo(ana.version() + 1);
        }

        @Test
        @Tag("in-memory")
        void of_eight_simultaneous_edits_through_the_service_exactly_one_is_saved_and_audited() throws Exception {
            Client ana = t.ana();
            long version = ana.version();

            List<Outcome<Client>> outcomes = race(i -> () -> t.clientele.clients().editDetails(OWNER, TENANT,
                    ana.id(), version, ClientDetails.named("Ana" + "abcdefgh".charAt(i), "López")));

            assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).hasSize(THREADS - 1)
                    .allSatisfy(o -> assertThat(o.failure()).isInstanceOfSatisfying(ConflictException.class,
                            c -> assertThat(c.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION)));
            Client winner = outcomes.stream().filter(Outcome::succeeded).findFirst().orElseThrow().value();
            assertThat(t.reload(ana.id())).isEqualTo(winner);
            assertThat(winner.version()).isEqualTo(version + 1);
            assertThat(t.memory.audit().all(TENANT)).filteredOn(e -> e.action() == AuditAction.DETAILS_CHANGED)
                    .hasSize(1);
            assertThat(t.memory.events().events(ClientEvents.ClientUpdated.class)).hasSize(1);
        }
    }

    @Nested
    class EmailUniqueness {

        @Test
        void the_repository_refuses_a_second_client_with_the_same_email() {
            Client ana = clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));
            Client copy = newClient(TENANT, "Anabel", "Lopez", "ANA@Example.com");

            ConflictException e = catchThrowableOfType(() -> clients.insert(copy), ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(e.getMessage()).startsWith("email:");
            assertThat(clients.find(TENANT, copy.id())).isEmpty();
            assertThat(clients.contents()).containsExactly(ana);
        }

        @Test
        void the_repository_refuses_an_update_to_an_email_another_client_holds() {
            clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));
            Client bea = clients.insert(newClient(TENANT, "Bea", "Moreau", "bea@example.com"));

            ConflictException e = catchThrowableOfType(() -> clients.update(
                    bea.withDetails(details("Bea", "Moreau", "ana@example.com"), t.clock.instant())),
                    ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(clients.find(TENANT, bea.id())).contains(bea);
        }

        @Test
        void a_duplicate_insert_inside_a_unit_of_work_rolls_back_its_earlier_writes() {
            clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));
            Client bea = newClient(TENANT, "Bea", "Moreau", "bea@example.com");
            Client copy = newClient(TENANT, "Anabel", "Lopez", "ana@example.com");
            List<AuditEntry> auditBefore = t.memory.audit().all(TENANT);

            ConflictException e = catchThrowableOfType(() -> t.memory.transactions().run(() -> {
                clients.insert(bea);
                t.memory.audit().append(new AuditEntry(ids.next(), TENANT, bea.id(), "system:test",
                        AuditAction.CLIENT_CREATED, t.clock.instant(), List.of()));
                clients.insert(copy);
            }), ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(clients.find(TENANT, bea.id())).isEmpty();
            assertThat(t.memory.audit().all(TENANT)).isEqualTo(auditBefore);
        }

        @Test
        void of_eight_simultaneous_inserts_with_one_email_exactly_one_is_stored() throws Exception {
            List<Outcome<Client>> outcomes = race(i -> () -> clients.insert(
                    newClient(TENANT, "Ana" + "abcdefgh".charAt(i), "López", "ana@example.com")));

            assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).hasSize(THREADS - 1)
                    .allSatisfy(o -> assertThat(o.failure()).isInstanceOfSatisfying(ConflictException.class,
                            c -> assertThat(c.reason()).isEqualTo(ConflictException.Reason.DUPLICATE)));
            assertThat(clients.contents()).hasSize(1);
        }

        @Test
        void the_same_email_may_be_used_in_another_tenant() {
            Client here = clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));

            Client there = clients.insert(newClient(OTHER_TENANT, "Ana", "López", "ana@example.com"));

            assertThat(clients.find(TENANT, here.id())).contains(here);
            assertThat(clients.find(OTHER_TENANT, there.id())).contains(there);
            assertThat(clients.findIdByEmail(OTHER_TENANT, EmailAddress.of("ana@example.com"))).contains(there.id());
        }

        @Test
        void the_email_of_an_erased_client_may_be_used_again() {
            Client ana = clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));
            clients.update(ana.erase(t.clock.instant()));

            Client again = clients.insert(newClient(TENANT, "Ana", "López", "ana@example.com"));

            assertThat(clients.findIdByEmail(TENANT, EmailAddress.of("ana@example.com"))).contains(again.id());
        }

        @Test
        void clients_without_email_do_not_clash() {
            clients.insert(newClient(TENANT, "Ana", "López", null));

            clients.insert(newClient(TENANT, "Bea", "Moreau", null));

            assertThat(clients.contents()).hasSize(2);
        }

        @Test
        void a_client_id_cannot_be_inserted_twice() {
            Client ana = clients.insert(newClient(TENANT, "Ana", "López", null));

            ConflictException e = catchThrowableOfType(() -> clients.insert(ana.withLocked(true, t.clock.instant())),
                    ConflictException.class);

            assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
            assertThat(clients.find(TENANT, ana.id())).contains(ana);
        }
    }

    @Test
    void every_store_that_holds_data_is_inspectable() {
        assertThat(t.memory.stores()).extracting(InspectableStore::storeName)
                .containsExactlyInAnyOrderElementsOf(STORE_NAMES);
    }

    /** How one racing call ended. */
    private record Outcome<T>(T value, Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    /** Runs {@value #THREADS} calls released together by one latch, and collects how each ended. */
    private static <T> List<Outcome<T>> race(IntFunction<Callable<T>> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<T> work = call.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(30, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Client newClient(TenantId tenant, String first, String last, String email) {
        return Client.create(new ClientId(ids.next()), tenant, details(first, last, email), t.clock.instant());
    }

    private static PersonalDetails details(String first, String last, String email) {
        return new PersonalDetails(new PersonName(first, last), Optional.ofNullable(email).map(EmailAddress::of),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
