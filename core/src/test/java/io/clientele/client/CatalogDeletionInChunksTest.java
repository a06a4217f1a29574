package io.clientele.client;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.adapter.memory.MemoryTransactions;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientEvents;
import io.clientele.client.model.ClientGroup;
import io.clientele.client.model.Label;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import io.clientele.common.Ids;
import io.clientele.common.InfrastructureException;
import io.clientele.common.NotFoundException;
import io.clientele.common.PageRequest;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.Latches;
import io.clientele.testing.MutableClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression for issue 8, point 1, "removing a label or group from every client runs in one unit
 * of work": a label's delete locked and rewrote every holder in one transaction (one audit append
 * and one event per client), so deleting a label held by a whole studio held thousands of row locks
 * at once, and a failure anywhere undid everything. Now the label leaves the catalog in a unit of
 * work of its own, then its holders are changed in chunks of short units of work, each with the same
 * port calls whatever its size, and a run that stopped midway is finished by running it again.
 */
class CatalogDeletionInChunksTest {

    /** A studio on in-memory adapters behind counting proxies, deleting in chunks of {@code chunkSize}. */
    private static final class Studio {
        final MutableClock clock = MutableClock.standard();
        final InMemoryAdapters memory;
        final CountingPorts ports = new CountingPorts();
        final Clientele clientele;
        final List<Client> clients = new ArrayList<>();

        Studio(int chunkSize) {
            this(chunkSize, new MemoryTransactions(), Optional.empty());
        }

        Studio(int chunkSize, MemoryTransactions transactions, Optional<EventPublisher> events) {
            memory = InMemoryAdapters.create(CHEAP_ARGON2, transactions);
            Clientele.Builder builder = ports.installInto(memory, Clientele.builder()).clock(clock)
                    .ids(new Ids(clock)).invitations(INVITATIONS).catalogChunkSize(chunkSize);
            events.ifPresent(builder::eventPublisher);
            clientele = builder.build();
        }

        /** Adds {@code count} clients and gives each the label. */
        List<Client> holders(Label label, int count) {
            List<Client> added = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Client client = clientele.clients().create(OWNER, TENANT, ClientDetails.named("Client", letters(i)));
                added.add(clientele.labels().assign(OWNER, TENANT, client.id(), label.id()));
            }
            clients.addAll(added);
            return added;
        }

        Client stored(ClientId id) {
            return memory.clients().find(TENANT, id).orElseThrow();
        }

        long labelVersion(Label label) {
            return memory.labels().find(TENANT, label.id()).map(Label::version).orElse(0L);
        }

        List<AuditEntry> audit(AuditAction action) {
            return memory.audit().all(TENANT).stream().filter(e -> e.action() == action).toList();
        }
    }

    @Test
    void a_label_delete_makes_the_same_port_calls_per_chunk_whatever_the_chunk_size() {
        Map<Integer, Map<String, Long>> callsBySize = new TreeMap<>();
        for (int chunkSize : List.of(3, 40)) {
            Studio studio = new Studio(chunkSize);
            Label vip = studio.clientele.labels().create(OWNER, TENANT, "VIP");
            // two full chunks, so the third finds nobody left
            List<Client> holders = studio.holders(vip, 2 * chunkSize);
            studio.clientele.clients().create(OWNER, TENANT, ClientDetails.named("Not", "Labelled"));

            studio.ports.reset();
            studio.clientele.labels().delete(OWNER, TENANT, vip.id(), studio.labelVersion(vip));

            callsBySize.put(chunkSize, studio.ports.counts());
            assertThat(holders).allSatisfy(h -> assertThat(studio.stored(h.id()).labels()).isEmpty());
        }

        System.out.println("catalog delete port calls by chunk size: " + callsBySize);
        assertThat(callsBySize.get(40)).as("calls for 80 holders in chunks of 40 and 6 in chunks of 3")
                .isEqualTo(callsBySize.get(3));
        // the label's own unit (find, conditional delete), three chunks (the last finds nobody),
        // each full one a batch update, a batch audit append and a batch publish, then the purge
        assertThat(callsBySize.get(3)).isEqualTo(Map.of(
                "TransactionRunner.inTransaction", 4L,
                "TransactionRunner.run", 1L,
                "LabelRepository.find", 1L,
                "LabelRepository.delete", 1L,
                "ClientRepository.findMatchingForUpdate", 3L,
                "ClientRepository.updateAll", 2L,
                "AuditLog.appendAll", 2L,
                "EventPublisher.publishAll", 2L,
                "LabelRepository.purge", 1L));
    }

    @Test
    void a_group_delete_makes_the_same_port_calls_per_chunk_whatever_the_chunk_size() {
        Map<Integer, Map<String, Long>> callsBySize = new TreeMap<>();
        for (int chunkSize : List.of(2, 25)) {
            Studio studio = new Studio(chunkSize);
            ClientGroup yoga = studio.clientele.groups().create(OWNER, TENANT, "Morning yoga");
            List<Client> members = new ArrayList<>();
            for (int i = 0; i < 2 * chunkSize + 1; i++) {
                Client client = studio.clientele.clients()
                        .create(OWNER, TENANT, ClientDetails.named("Member", letters(i)));
                members.add(studio.clientele.groups().addMember(OWNER, TENANT, client.id(), yoga.id()));
            }
            long version = studio.memory.groups().find(TENANT, yoga.id()).orElseThrow().version();

            studio.ports.reset();
            studio.clientele.groups().delete(OWNER, TENANT, yoga.id(), version);

            callsBySize.put(chunkSize, studio.ports.counts());
            assertThat(members).allSatisfy(m -> assertThat(studio.stored(m.id()).groups()).isEmpty());
            assertThat(studio.memory.audit().all(TENANT).stream().filter(e -> e.action() == AuditAction.GROUP_LEFT))
                    .hasSize(members.size());
        }

        assertThat(callsBySize.get(25)).as("calls for 51 members in chunks of 25 and 5 in chunks of 2")
                .isEqualTo(callsBySize.get(2));
        assertThat(callsBySize.get(2)).containsEntry("ClientRepository.findMatchingForUpdate", 3L)
                .containsEntry("ClientRepository.updateAll", 3L).containsEntry("AuditLog.appendAll", 3L)
                .doesNotContainKey("ClientRepository.update").doesNotContainKey("AuditLog.append");
    }

    @Test
    void every_holder_loses_the_label_with_one_audit_entry_and_one_event_naming_it() {
        Studio studio = new Studio(4);
        Label vip = studio.clientele.labels().create(OWNER, TENANT, "VIP");
        List<Client> holders = studio.holders(vip, 10);
        Label other = studio.clientele.labels().create(OWNER, TENANT, "Beginner");
        Client keeps = studio.clientele.labels().assign(OWNER, TENANT, holders.get(0).id(), other.id());
        int eventsBefore = studio.memory.events().events(ClientEvents.ClientUpdated.class).size();

        studio.clientele.labels().delete(OWNER, TENANT, vip.id(), studio.labelVersion(vip));

        assertThat(studio.stored(keeps.id()).labels()).containsExactly(other.id());
        assertThat(holders).allSatisfy(h -> {
            Client now = studio.stored(h.id());
            assertThat(now.labels()).doesNotContain(vip.id());
            assertThat(now.version()).as("one change per holder").isEqualTo(
                    (h.id().equals(keeps.id()) ? keeps.version() : h.version()) + 1);
        });
        List<AuditEntry> unassigned = studio.audit(AuditAction.LABEL_UNASSIGNED);
        assertThat(unassigned).extracting(AuditEntry::clientId)
                .containsExactlyInAnyOrderElementsOf(holders.stream().map(Client::id).toList());
        assertThat(unassigned).allSatisfy(e -> assertThat(e.changes())
                .containsExactly(new FieldChange("label", Optional.of("VIP"), Optional.empty())));
        List<ClientEvents.ClientUpdated> events = studio.memory.events().events(ClientEvents.ClientUpdated.class);
        assertThat(events.subList(eventsBefore, events.size())).extracting(ClientEvents.ClientUpdated::clientId)
                .containsExactlyInAnyOrderElementsOf(holders.stream().map(Client::id).toList());
        assertThat(studio.memory.labels().findDeleted(TENANT, vip.id())).as("the tombstone is purged").isEmpty();
    }

    @Test
    void a_delete_that_stopped_midway_is_finished_by_running_it_again_and_the_label_stays_hidden_meanwhile() {
        AtomicInteger batches = new AtomicInteger();
        AtomicBoolean failSecondBatch = new AtomicBoolean();
        MemoryTransactions transactions = new MemoryTransactions();
        InMemoryAdapters[] memory = new InMemoryAdapters[1];
        // the second chunk's batch publish fails, as a crash between two chunks would stop the run
        EventPublisher failing = new EventPublisher() {
            @Override
            public void publish(DomainEvent event) {
                memory[0].events().publish(event);
            }

            @Override
            public void publishAll(List<? extends DomainEvent> events) {
                if (failSecondBatch.get() && batches.incrementAndGet() == 2) {
                    throw new InfrastructureException("the event table is unreachable", new RuntimeException());
                }
                memory[0].events().publishAll(events);
            }
        };
        Studio studio = new Studio(3, transactions, Optional.of(failing));
        memory[0] = studio.memory;
        Label vip = studio.clientele.labels().create(OWNER, TENANT, "VIP");
        List<Client> holders = new ArrayList<>(studio.holders(vip, 8));
        holders.sort(Comparator.comparing(c -> c.id().value()));
        long version = studio.labelVersion(vip);

        failSecondBatch.set(true);
        assertThatThrownBy(() -> studio.clientele.labels().delete(OWNER, TENANT, vip.id(), version))
                .isInstanceOf(InfrastructureException.class);

        // the first chunk (the three lowest ids) committed, the second rolled back
        assertThat(holders.subList(0, 3)).allSatisfy(h -> assertThat(studio.stored(h.id()).labels()).isEmpty());
        assertThat(holders.subList(3, 8)).allSatisfy(h -> assertThat(studio.stored(h.id()).labels())
                .containsExactly(vip.id()));
        // meanwhile the label is gone for every reader and cannot be given again
        assertThat(studio.clientele.labels().list(OWNER, TENANT, PageRequest.first()).items()).isEmpty();
        assertThat(studio.memory.labels().findAll(TENANT, List.of(vip.id()))).isEmpty();
        Client fresh = studio.clientele.clients().create(OWNER, TENANT, ClientDetails.named("New", "Client"));
        assertThatThrownBy(() -> studio.clientele.labels().assign(OWNER, TENANT, fresh.id(), vip.id()))
                .isInstanceOf(NotFoundException.class);
        // and its name is free
        Label reborn = studio.clientele.labels().create(OWNER, TENANT, "vip");

        failSecondBatch.set(false);
        studio.clientele.labels().delete(OWNER, TENANT, vip.id(), version);

        assertThat(holders).allSatisfy(h -> assertThat(studio.stored(h.id()).labels()).isEmpty());
        assertThat(studio.audit(AuditAction.LABEL_UNASSIGNED)).extracting(AuditEntry::clientId)
                .as("one entry per holder, none twice").containsExactlyInAnyOrderElementsOf(
                        holders.stream().map(Client::id).toList());
        assertThat(studio.memory.labels().findDeleted(TENANT, vip.id())).isEmpty();
        assertThat(studio.clientele.labels().list(OWNER, TENANT, PageRequest.first()).items())
                .containsExactly(reborn);
        assertThatThrownBy(() -> studio.clientele.labels().delete(OWNER, TENANT, vip.id(), version))
                .as("once finished, the label is unknown").isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_delete_locks_the_label_alone_then_its_holders_in_id_order_chunk_by_chunk() {
        MemoryTransactions transactions = new MemoryTransactions();
        Studio studio = new Studio(3, transactions, Optional.empty());
        Label vip = studio.clientele.labels().create(OWNER, TENANT, "VIP");
        List<Client> holders = new ArrayList<>(studio.holders(vip, 7));
        holders.sort(Comparator.comparing(c -> c.id().value()));
        List<String> locks = new CopyOnWriteArrayList<>();
        transactions.onLockAcquired(key -> locks.add(key.toString()));
        try {
            studio.clientele.labels().delete(OWNER, TENANT, vip.id(), studio.labelVersion(vip));
        } finally {
            transactions.onLockAcquired(key -> { });
        }

        List<String> expected = new ArrayList<>();
        expected.add(vip.id().toString());
        holders.forEach(h -> expected.add(h.id().toString()));
        // the purge locks the label's tombstone last, in a unit of its own
        expected.add(vip.id().toString());
        assertThat(locks).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(locks.get(i)).as("lock %d", i).contains(expected.get(i));
        }
    }

    /**
     * While the chunks run, the label is already out of the catalog: an assignment of it, which
     * takes the label's lock before the client's, finds nothing, so no client gains it behind the
     * walk and the label is never left dangling on a client.
     */
    @Test
    void no_client_gains_the_label_while_its_holders_are_being_changed() throws Exception {
        MemoryTransactions transactions = MemoryTransactions.interleaved();
        Studio studio = new Studio(2, transactions, Optional.empty());
        Label vip = studio.clientele.labels().create(OWNER, TENANT, "VIP");
        List<Client> holders = new ArrayList<>(studio.holders(vip, 4));
        holders.sort(Comparator.comparing(c -> c.id().value()));
        Client late = studio.clientele.clients().create(OWNER, TENANT, ClientDetails.named("Late", "Comer"));
        Client first = holders.get(0);
        CountDownLatch chunkHoldsFirst = new CountDownLatch(1);
        CountDownLatch assignmentTried = new CountDownLatch(1);
        Thread[] deleting = new Thread[1];
        transactions.onLockAcquired(key -> {
            if (Thread.currentThread() == deleting[0] && key.toString().contains(first.id().toString())) {
                chunkHoldsFirst.countDown();
                Latches.await(assignmentTried, "the assignment never ran");
            }
        });
        CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> {
            deleting[0] = Thread.currentThread();
            studio.clientele.labels().delete(OWNER, TENANT, vip.id(), studio.labelVersion(vip));
        });
        try {
            Latches.await(chunkHoldsFirst, "the delete never reached its first holder");
            assertThatThrownBy(() -> studio.clientele.labels().assign(OWNER, TENANT, late.id(), vip.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> studio.clientele.labels().assign(OWNER, TENANT, first.id(), vip.id()))
                    .isInstanceOf(NotFoundException.class);
        } finally {
            assignmentTried.countDown();
            delete.get(Latches.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            transactions.onLockAcquired(key -> { });
        }

        assertThat(studio.stored(late.id()).labels()).isEmpty();
        assertThat(holders).allSatisfy(h -> assertThat(studio.stored(h.id()).labels()).isEmpty());
    }

    /** A name part for number {@code n}: A, B, ..., Z, Ba, Bb, ... (names hold no digits). */
    private static String letters(int n) {
        StringBuilder name = new StringBuilder();
        for (char c : Integer.toString(n, 26).toCharArray()) {
            name.append((char) ((name.length() == 0 ? 'A' : 'a') + Character.digit(c, 26)));
        }
        return name.toString();
    }
}
