package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clientele.Clientele;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.Note;
import io.clientele.client.model.NoteId;
import io.clientele.client.model.NoteText;
import io.clientele.client.model.PersonName;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.Ids;
import io.clientele.common.PageRequest;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestClientele;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

class MemoryTransactionsTest {

    private final TestClientele t = new TestClientele();
    private final MemoryTransactions tx = t.memory.transactions();
    private final Ids ids = new Ids(t.clock);

    @Test
    @Tag("in-memory")
    void a_unit_of_work_that_throws_leaves_clients_notes_audit_and_events_as_they_were() {
        Client ana = t.ana();
        Note kept = t.clientele.notes().add(OWNER, TENANT, ana.id(), "kept");
        Map<String, List<String>> before = t.storedState();
        RuntimeException boom = new IllegalStateException("boom");

        Throwable thrown = catchThrowable(() -> tx.run(() -> {
            Client bea = t.memory.clients().insert(newClient("Bea", "Moreau"));
            t.memory.clients().update(ana.withLocked(true, t.clock.instant()));
            t.memory.notes().insert(note(bea.id(), "rolled back"));
            t.memory.notes().delete(TENANT, kept.id(), kept.version());
            t.memory.audit().append(new AuditEntry(ids.next(), TENANT, bea.id(), "system:test",
                    AuditAction.CLIENT_CREATED, t.clock.instant(), List.of()));
            t.memory.events().publish(new ClientEvents.ClientCreated(TENANT, bea.id(), t.clock.instant()));
            assertThat(tx.inTransaction()).isTrue();
            throw boom;
        }));

        assertThat(thrown).as("the exception propagates unchanged").isSameAs(boom);
        assertThat(t.storedState()).isEqualTo(before);
        assertThat(t.reload(ana.id())).isEqualTo(ana);
        assertThat(t.clientele.notes().list(OWNER, TENANT, ana.id(), PageRequest.first()).items())
                .containsExactly(kept);
        assertThat(tx.inTransaction()).isFalse();
    }

    @Test
    @Tag("in-memory")
    void several_writes_to_one_key_roll_back_to_the_first_value() {
        Client ana = t.ana();

        assertThatThrownBy(() -> tx.run(() -> {
            Client locked = t.memory.clients().update(ana.withLocked(true, t.clock.instant()));
            t.memory.clients().update(locked.withLocked(false, t.clock.instant()));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(t.reload(ana.id())).isEqualTo(ana);
    }

    @Test
    void an_error_rolls_back_too() {
        Error error = new AssertionError("fatal");

        Throwable thrown = catchThrowable(() -> tx.run(() -> {
            t.memory.clients().insert(newClient("Bea", "Moreau"));
            throw error;
        }));

        assertThat(thrown).isSameAs(error);
        assertThat(t.memory.clients().contents()).isEmpty();
    }

    @Test
    void a_checked_exception_thrown_through_the_supplier_rolls_back_and_propagates_unchanged() {
        Exception checked = new IOException("disk full");

        Throwable thrown = catchThrowable(() -> tx.run(() -> {
            t.memory.clients().insert(newClient("Bea", "Moreau"));
            MemoryTransactionsTest.<RuntimeException>sneakyThrow(checked);
        }));

        assertThat(thrown).isSameAs(checked);
        assertThat(t.memory.clients().contents()).as("the insert is rolled back").isEmpty();
        assertThat(tx.inTransaction()).isFalse();
    }

    @Test
    void a_failed_use_case_rolls_back_what_it_wrote_before_the_failure() {
        MutableClock clock = MutableClock.standard();
        InMemoryAdapters memory = InMemoryAdapters.create();
        IllegalStateException bookingDown = new IllegalStateException("booking system unavailable");
        Clientele clientele = memory.installInto(Clientele.builder()).invitations(TestClientele.INVITATIONS)
                .bookingAnonymizer((tenant, client) -> {
                    throw bookingDown;
                })
                .clock(clock)
                .build();
        Client ana = clientele.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López")
                .withEmail("ana.lopez@example.com"));
        Note note = clientele.notes().add(OWNER, TENANT, ana.id(), "Prefers mornings");
        List<AuditEntry> auditBefore = memory.audit().all(TENANT);
        List<DomainEvent> eventsBefore = memory.events().events();

        Throwable thrown = catchThrowable(() -> clientele.erasure().erase(OWNER, TENANT, ana.id()));

        assertThat(thrown).isSameAs(bookingDown);
        assertThat(clientele.clients().get(OWNER, TENANT, ana.id())).isEqualTo(ana);
        assertThat(clientele.notes().list(OWNER, TENANT, ana.id(), PageRequest.first()).items()).containsExactly(note);
        assertThat(memory.audit().all(TENANT)).isEqualTo(auditBefore);
        assertThat(memory.events().events()).isEqualTo(eventsBefore);
    }

    @Test
    void a_nested_unit_of_work_joins_the_open_one_and_rolls_back_with_it() {
        Throwable thrown = catchThrowable(() -> tx.run(() -> {
            t.memory.clients().insert(newClient("Ana", "López"));
            String inner = tx.inTransaction(() -> {
                assertThat(tx.inTransaction()).isTrue();
                t.memory.clients().insert(newClient("Bea", "Moreau"));
                return "inner done";
            });
            assertThat(inner).isEqualTo("inner done");
            assertThat(tx.inTransaction()).as("still open after the nested call returned").isTrue();
            assertThat(t.memory.clients().contents()).hasSize(2);
            throw new IllegalStateException("outer fails");
        }));

        assertThat(thrown).hasMessage("outer fails");
        assertThat(t.memory.clients().contents()).as("the nested writes roll back with the outer unit").isEmpty();
    }

    @Test
    void a_nested_unit_of_work_commits_with_the_outer_one() {
        tx.run(() -> {
            t.memory.clients().insert(newClient("Ana", "López"));
            tx.run(() -> t.memory.clients().insert(newClient("Bea", "Moreau")));
        });

        assertThat(t.memory.clients().contents()).hasSize(2);
        assertThat(tx.inTransaction()).isFalse();
    }

    @Test
    void a_later_failure_does_not_undo_committed_work() {
        Client ana = tx.inTransaction(() -> t.memory.clients().insert(newClient("Ana", "López")));

        assertThatThrownBy(() -> tx.run(() -> {
            t.memory.clients().insert(newClient("Bea", "Moreau"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(t.memory.clients().contents()).containsExactly(ana);
    }

    @Test
    void a_rolled_back_event_equal_to_a_committed_one_leaves_the_committed_events_in_order() {
        Instant now = t.clock.instant();
        ClientId ana = new ClientId(ids.next());
        ClientId bea = new ClientId(ids.next());
        tx.run(() -> {
            t.memory.events().publish(new ClientEvents.ClientUpdated(TENANT, ana, "LOCKED", now));
            t.memory.events().publish(new ClientEvents.ClientUpdated(TENANT, bea, "LOCKED", now));
        });
        List<DomainEvent> committed = t.memory.events().events();

        assertThatThrownBy(() -> tx.run(() -> {
            t.memory.events().publish(new ClientEvents.ClientUpdated(TENANT, ana, "LOCKED", now));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(t.memory.events().events()).containsExactlyElementsOf(committed);
    }

    @Test
    void units_of_work_from_many_threads_run_one_at_a_time() throws Exception {
        int threads = 8;
        int rounds = 500;
        int[] counter = {0};
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        tx.run(() -> {
                            int seen = counter[0];
                            Thread.yield();
                            counter[0] = seen + 1;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(counter[0]).as("no lost update").isEqualTo(threads * rounds);
    }

    private Client newClient(String first, String last) {
        return Client.create(new ClientId(ids.next()), TENANT, new PersonalDetails(new PersonName(first, last),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), t.clock.instant());
    }

    private Note note(ClientId client, String text) {
        return new Note(new NoteId(ids.next()), TENANT, client, new NoteText(text), "system:test",
                t.clock.instant(), Optional.empty(), Optional.empty(), 0);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }
}
