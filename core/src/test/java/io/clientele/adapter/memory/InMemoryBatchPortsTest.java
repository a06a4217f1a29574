package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.PersonalDetails;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.DomainEvent;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Regression tests of issue 8 for the batch forms the mail dispatcher uses instead of one port call
 * per mail: each does what the single-row calls did for every row, all or nothing, and takes the
 * clients' locks in the lock order whatever order it is given.
 */
class InMemoryBatchPortsTest {

    private final TestClientele t = new TestClientele(MemoryTransactions.interleaved());
    private final InMemoryClientRepository clients = t.memory.clients();

    @Test
    @Tag("in-memory")
    void locking_many_clients_takes_their_locks_in_client_id_order_whatever_order_they_are_named_in() {
        List<Client> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(t.create(ClientDetails.named(List.of("Ana", "Bea", "Cy", "Dee", "Eve").get(i), "Client")
                    .withEmail("client" + i + "@example.com")));
            t.clock.advance(Duration.ofSeconds(1));
        }
        List<ClientId> reversed = created.stream().map(Client::id)
                .sorted(Comparator.comparing(ClientId::value).reversed()).toList();
        List<String> locked = new ArrayList<>();
        t.memory.transactions().onLockAcquired(key -> locked.add(key.toString()));

        List<Client> found = t.memory.transactions().inTransaction(() -> clients.findAllForUpdate(TENANT,
                List.of(reversed.get(0), reversed.get(1), new ClientId(UUID.randomUUID()), reversed.get(2),
                        reversed.get(3), reversed.get(4), reversed.get(4))));

        List<ClientId> inIdOrder = created.stream().map(Client::id).sorted(Comparator.comparing(ClientId::value))
                .toList();
        assertThat(found).extracting(Client::id).containsExactlyElementsOf(inIdOrder);
        List<String> lockedClients = locked.stream().filter(k -> created.stream()
                .anyMatch(c -> k.contains(c.id().toString()))).toList();
        assertThat(lockedClients).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(lockedClients.get(i)).as("lock %s", i).contains(inIdOrder.get(i).toString());
        }
    }

    @Test
    @Tag("in-memory")
    void updating_many_clients_stores_all_or_none_when_one_is_stale() {
        Client ana = t.create(ClientDetails.named("Ana", "One").withEmail("ana@example.com"));
        Client bea = t.create(ClientDetails.named("Bea", "Two").withEmail("bea@example.com"));
        Client staleBea = bea;
        clients.update(bea.withLocked(true, t.clock.instant()));
        Client beaNow = clients.find(TENANT, bea.id()).orElseThrow();

        assertThatThrownBy(() -> clients.updateAll(List.of(ana.markInvited(t.clock.instant()),
                staleBea.markInvited(t.clock.instant()))))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STALE_VERSION));
        assertThat(clients.find(TENANT, ana.id())).contains(ana);

        List<Client> stored = clients.updateAll(List.of(ana.markInvited(t.clock.instant()),
                beaNow.markInvited(t.clock.instant())));
        assertThat(stored).extracting(Client::version).containsExactly(ana.version() + 1, beaNow.version() + 1);
        assertThat(stored).extracting(Client::invitationStatus).containsOnly(InvitationStatus.INVITED);
        assertThat(clients.find(TENANT, bea.id()).orElseThrow().locked()).isTrue();
    }

    @Test
    @Tag("in-memory")
    void updating_many_clients_puts_back_what_it_stored_when_a_later_one_breaks_a_uniqueness_rule() {
        Client ana = t.create(ClientDetails.named("Ana", "One").withEmail("ana@example.com"));
        Client bea = t.create(ClientDetails.named("Bea", "Two").withEmail("bea@example.com"));
        PersonalDetails d = bea.details();
        Client beaTakingAnasAddress = bea.withDetails(new PersonalDetails(d.name(),
                Optional.of(EmailAddress.of("ana@example.com")), d.phone(), d.birthDate(), d.preferredLanguage()),
                t.clock.instant());

        assertThatThrownBy(() -> clients.updateAll(List.of(ana.markInvited(t.clock.instant()), beaTakingAnasAddress)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));

        assertThat(clients.find(TENANT, ana.id())).contains(ana);
        assertThat(clients.find(TENANT, bea.id())).contains(bea);
    }

    @Test
    @Tag("in-memory")
    void the_holders_of_many_addresses_are_found_in_one_call_in_the_tenant_only() {
        Client ana = t.create(ClientDetails.named("Ana", "One").withEmail("ana@example.com"));
        t.clientele.clients().create(TestClientele.OTHER_OWNER, OTHER_TENANT,
                ClientDetails.named("Bea", "Two").withEmail("bea@example.com"));

        Map<EmailAddress, ClientId> holders = clients.findIdsByEmail(TENANT, List.of(EmailAddress.of("ana@example.com"),
                EmailAddress.of("bea@example.com"), EmailAddress.of("nobody@example.com")));

        assertThat(holders).containsExactly(Map.entry(EmailAddress.of("ana@example.com"), ana.id()));
    }

    @Test
    void appending_many_audit_entries_appends_none_when_one_id_exists() {
        InMemoryAuditLog audit = t.memory.audit();
        ClientId client = new ClientId(UUID.randomUUID());
        AuditEntry first = entry(client);
        audit.append(first);
        AuditEntry second = entry(client);

        assertThatThrownBy(() -> audit.appendAll(List.of(second, first)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
        assertThatThrownBy(() -> audit.appendAll(List.of(second, second))).isInstanceOf(ConflictException.class);
        assertThat(audit.all(TENANT)).containsExactly(first);

        AuditEntry third = entry(client);
        audit.appendAll(List.of(second, third));
        assertThat(audit.all(TENANT)).containsExactlyInAnyOrder(first, second, third);
    }

    @Test
    void events_published_as_a_batch_are_kept_in_order_and_dropped_with_a_rolled_back_unit() {
        InMemoryEventPublisher events = t.memory.events();
        ClientId client = new ClientId(UUID.randomUUID());
        List<DomainEvent> batch = List.of(new InvitationEvents.EmailRejected(TENANT, client, t.clock.instant()),
                new InvitationEvents.PasswordResetRequested(TENANT, client, t.clock.instant()));

        assertThatThrownBy(() -> t.memory.transactions().inTransaction(() -> {
            events.publishAll(batch);
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(events.events()).isEmpty();

        events.publishAll(batch);
        assertThat(events.events()).containsExactlyElementsOf(batch);
    }

    private AuditEntry entry(ClientId client) {
        return AuditEntry.of(t.ids.next(), TENANT, client, OWNER, AuditAction.INVITATION_SENT, t.clock.instant(),
                List.of());
    }
}
