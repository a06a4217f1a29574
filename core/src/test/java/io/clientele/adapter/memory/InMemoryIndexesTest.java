package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.PassNumber;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.mail.model.MailActivity;
import io.clientele.mail.model.MailKind;
import io.clientele.mail.model.OutboxMessage;
import io.clientele.testing.TestClientele;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pins the defect "the in-memory adapters scan every row of the tenant for a keyed look-up"
 * (creating a client cost 650 µs at 10k clients and 4.3 ms at 50k): the client repository and the
 * outbox keep indexes like the SQL indexes they stand for, the indexes stay right through rollback,
 * erasure and email changes, and a look-up reads as many stored rows in a big tenant as in a small
 * one (counted by the adapters, not timed).
 */
class InMemoryIndexesTest {

    private final TestClientele t = new TestClientele();
    private final InMemoryClientRepository clients = t.memory.clients();
    private final InMemoryMailOutbox outbox = t.memory.outbox();

    private Client client(String firstName) {
        return t.create(ClientDetails.named(firstName, "Indexed").withEmail(emailOf(firstName)));
    }

    private static String emailOf(String firstName) {
        return firstName.toLowerCase(Locale.ROOT) + ".indexed@example.com";
    }

    private static EmailAddress address(String firstName) {
        return EmailAddress.of(emailOf(firstName));
    }

    @Nested
    class Clients {

        @Test
        @Tag("in-memory")
        void an_erased_clients_email_is_free_again_for_a_new_client() {
            Client ana = client("Ana");

            t.clientele.erasure().erase(OWNER, TENANT, ana.id());

            assertThat(clients.findIdByEmail(TENANT, address("Ana"))).isEmpty();
            Client again = client("Ana");
            assertThat(clients.findIdByEmail(TENANT, address("Ana"))).contains(again.id());
        }

        @Test
        @Tag("in-memory")
        void an_email_change_frees_the_old_address_and_takes_the_new_one() {
            Client ana = client("Ana");
            client("Bea");

            t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                    ClientDetails.named("Ana", "Indexed").withEmail(emailOf("Anna")));

            assertThat(clients.findIdByEmail(TENANT, address("Ana"))).isEmpty();
            assertThat(clients.findIdByEmail(TENANT, address("Anna"))).contains(ana.id());
            assertThatThrownBy(() -> client("Anna")).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
            assertThat(client("Ana").id()).isNotEqualTo(ana.id());
        }

        @Test
        @Tag("in-memory")
        void a_rolled_back_insert_and_email_change_leave_the_email_index_as_it_was() {
            Client ana = client("Ana");

            assertThatThrownBy(() -> t.memory.transactions().run(() -> {
                client("Cleo");
                t.clientele.clients().editDetails(OWNER, TENANT, ana.id(), ana.version(),
                        ClientDetails.named("Ana", "Indexed").withEmail(emailOf("Anna")));
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");

            assertThat(clients.findIdByEmail(TENANT, address("Cleo"))).isEmpty();
            assertThat(clients.findIdByEmail(TENANT, address("Anna"))).isEmpty();
            assertThat(clients.findIdByEmail(TENANT, address("Ana"))).contains(ana.id());
            assertThat(client("Cleo").details().email()).contains(address("Cleo"));
            assertThatThrownBy(() -> client("Ana")).isInstanceOf(ConflictException.class);
        }

        @Test
        @Tag("in-memory")
        void an_unlinked_pass_and_the_pass_of_an_erased_client_are_free_again() {
            Client ana = client("Ana");
            Client bea = client("Bea");
            t.clientele.passes().link(OWNER, TENANT, ana.id(), "CARD-001");
            t.clientele.passes().link(OWNER, TENANT, bea.id(), "CARD-002");
            assertThatThrownBy(() -> t.clientele.passes().link(OWNER, TENANT, bea.id(), "CARD-001"))
                    .isInstanceOf(ConflictException.class);

            t.clientele.passes().unlink(OWNER, TENANT, ana.id(), "CARD-001");
            t.clientele.erasure().erase(OWNER, TENANT, bea.id());

            assertThat(clients.findIdByPass(TENANT, PassNumber.of("CARD-001"))).isEmpty();
            assertThat(clients.findIdByPass(TENANT, PassNumber.of("CARD-002"))).isEmpty();
            Client cleo = client("Cleo");
            t.clientele.passes().link(OWNER, TENANT, cleo.id(), "CARD-001");
            t.clientele.passes().link(OWNER, TENANT, cleo.id(), "CARD-002");
            assertThat(clients.findIdByPass(TENANT, PassNumber.of("CARD-002"))).contains(cleo.id());
        }

        @Test
        @Tag("in-memory")
        void find_all_for_update_locks_the_clients_in_id_order_whatever_order_they_are_asked_in() {
            List<ClientId> ids = IntStream.range(0, 6).mapToObj(i -> client("Client" + (char) ('a' + i)).id())
                    .toList();
            List<ClientId> asked = new ArrayList<>(ids);
            Collections.reverse(asked);
            List<String> lockedKeys = new ArrayList<>();
            t.memory.transactions().onLockAcquired(key -> lockedKeys.add(key.toString()));

            List<Client> locked = t.memory.transactions().inTransaction(
                    () -> clients.findAllForUpdate(TENANT, asked));

            List<ClientId> inIdOrder = ids.stream().sorted(Comparator.comparing(ClientId::value)).toList();
            assertThat(locked).extracting(Client::id).containsExactlyElementsOf(inIdOrder);
            assertThat(lockedKeys).hasSize(ids.size());
            for (int i = 0; i < inIdOrder.size(); i++) {
                assertThat(lockedKeys.get(i)).contains(inIdOrder.get(i).toString());
            }
        }

        @Test
        @Tag("in-memory")
        void keyed_look_ups_and_a_chunk_of_the_walk_read_as_many_rows_in_a_big_tenant_as_in_a_small_one() {
            Map<String, Long> small = clientLookupCosts(20);
            Map<String, Long> big = clientLookupCosts(300);

            assertThat(big).isEqualTo(small);
            assertThat(small).containsEntry("findIdByEmail", 0L).containsEntry("findIdByPass", 0L)
                    .containsEntry("walk of 10", 10L);
        }

        /** Rows read by each look-up in a tenant of {@code size} clients. */
        private Map<String, Long> clientLookupCosts(int size) {
            TestClientele tenant = new TestClientele();
            InMemoryClientRepository repository = tenant.memory.clients();
            List<Client> created = IntStream.range(0, size).mapToObj(i -> tenant.create(ClientDetails
                    .named("Client" + letters(i), "Indexed").withEmail("client" + letters(i) + "@example.com")))
                    .toList();
            ClientId start = created.get(size / 4).id();
            Map<String, Long> costs = new TreeMap<>();
            costs.put("findIdByEmail", rowsRead(repository,
                    r -> r.findIdByEmail(TENANT, EmailAddress.of("clientaab@example.com"))));
            costs.put("findIdByPass", rowsRead(repository, r -> r.findIdByPass(TENANT, PassNumber.of("CARD-9"))));
            costs.put("walk of 10", rowsRead(repository, r -> r.findMatching(TENANT, ClientQuery.all(), start, 10)));
            costs.put("create", rowsRead(repository, r -> tenant.create(ClientDetails.named("Newcomer", "Indexed")
                    .withEmail("newcomer@example.com"))));
            costs.put("email change", rowsRead(repository, r -> tenant.clientele.clients().editDetails(OWNER,
                    TENANT, start, tenant.clientVersion(start), ClientDetails.named("Moved", "Indexed")
                            .withEmail("moved@example.com"))));
            return costs;
        }

        private long rowsRead(InMemoryClientRepository repository, Consumer<InMemoryClientRepository> lookUp) {
            long before = repository.rowsRead();
            lookUp.accept(repository);
            return repository.rowsRead() - before;
        }
    }

    @Nested
    class Outbox {

        private final CampaignId campaign = new CampaignId(UUID.randomUUID());
        private final Instant now = t.clock.instant();

        private OutboxMessage invitation(ClientId client, Optional<CampaignId> from, Instant at) {
            return OutboxMessage.pending(UUID.randomUUID(), TENANT, client, MailKind.INVITATION, from,
                    "someone@example.com", "en", "Join us", "Activate.", at);
        }

        @Test
        void a_rolled_back_enqueue_leaves_no_campaign_row_and_no_activity_behind() {
            ClientId ana = client("Ana").id();

            assertThatThrownBy(() -> t.memory.transactions().run(() -> {
                outbox.enqueueAll(List.of(invitation(ana, Optional.of(campaign), now)));
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");

            assertThat(outbox.heldByCampaign(TENANT, campaign, Set.of(ana))).isEmpty();
            assertThat(outbox.activity(TENANT, MailKind.INVITATION, Set.of(ana))).isEmpty();
            assertThat(outbox.hasPending(TENANT, ana, MailKind.INVITATION)).isFalse();
            assertThat(outbox.listForClient(TENANT, ana)).isEmpty();
            outbox.enqueueAll(List.of(invitation(ana, Optional.of(campaign), now)));
            assertThat(outbox.heldByCampaign(TENANT, campaign, Set.of(ana))).containsExactly(ana);
        }

        @Test
        void enqueue_all_refuses_a_second_row_of_a_campaign_for_a_client_and_adds_none() {
            ClientId ana = client("Ana").id();
            ClientId bea = client("Bea").id();
            outbox.enqueue(invitation(ana, Optional.of(campaign), now));

            assertThatThrownBy(() -> outbox.enqueueAll(List.of(invitation(bea, Optional.of(campaign), now),
                    invitation(ana, Optional.of(campaign), now))))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE));
            assertThatThrownBy(() -> outbox.enqueueAll(List.of(invitation(bea, Optional.of(campaign), now),
                    invitation(bea, Optional.of(campaign), now)))).isInstanceOf(ConflictException.class);

            assertThat(outbox.heldByCampaign(TENANT, campaign, Set.of(ana, bea))).containsExactly(ana);
            assertThat(outbox.listForClient(TENANT, bea)).isEmpty();
        }

        @Test
        void a_clients_activity_counts_pending_and_sent_mails_of_the_kind_but_not_cancelled_ones() {
            ClientId ana = client("Ana").id();
            Instant later = now.plus(Duration.ofHours(2));
            outbox.enqueue(invitation(ana, Optional.empty(), now));
            assertThat(outbox.activity(TENANT, MailKind.INVITATION, Set.of(ana)))
                    .containsExactly(Map.entry(ana, new MailActivity(now, true)));

            outbox.cancelPending(TENANT, ana, MailKind.INVITATION);
            outbox.enqueue(OutboxMessage.pending(UUID.randomUUID(), TENANT, ana, MailKind.PASSWORD_RESET,
                    Optional.empty(), "ana@example.com", "en", "Reset", "Reset it.", later));

            assertThat(outbox.activity(TENANT, MailKind.INVITATION, Set.of(ana))).isEmpty();
            assertThat(outbox.lastEnqueuedAt(TENANT, ana, MailKind.INVITATION)).isEmpty();
            outbox.enqueue(invitation(ana, Optional.empty(), later));
            assertThat(outbox.activity(TENANT, MailKind.INVITATION, Set.of(ana)))
                    .containsExactly(Map.entry(ana, new MailActivity(later, true)));
        }

        @Test
        void an_erased_clients_reset_requests_leave_the_request_index() {
            outbox.enqueue(OutboxMessage.resetRequest(UUID.randomUUID(), TENANT, "ana@example.com", "en", now));
            assertThat(outbox.hasRequestAfter(TENANT, "ana@example.com", now.minusSeconds(1))).isTrue();

            outbox.anonymizeRequests(TENANT, "ana@example.com");

            assertThat(outbox.hasRequestAfter(TENANT, "ana@example.com", now.minusSeconds(1))).isFalse();
            assertThat(outbox.anonymizeRequests(TENANT, "ana@example.com")).isZero();
        }

        @Test
        void look_ups_read_as_many_rows_however_many_rows_the_outbox_holds() {
            Map<String, Long> small = outboxLookupCosts(20);
            Map<String, Long> big = outboxLookupCosts(300);

            assertThat(big).isEqualTo(small);
            // Ana has two rows: each look-up by client reads those two, the campaign probe one key
            assertThat(small).containsEntry("activity", 2L).containsEntry("heldByCampaign", 1L);
        }

        /** Rows read by each look-up for one client when {@code others} other clients have a row each. */
        private Map<String, Long> outboxLookupCosts(int others) {
            InMemoryMailOutbox rows = new InMemoryMailOutbox(new MemoryTransactions());
            ClientId ana = new ClientId(UUID.randomUUID());
            for (int i = 0; i < others; i++) {
                rows.enqueue(invitation(new ClientId(UUID.randomUUID()), Optional.of(campaign), now));
            }
            rows.enqueue(invitation(ana, Optional.of(campaign), now));
            rows.enqueue(invitation(ana, Optional.empty(), now.plusSeconds(60)));
            Map<String, Long> costs = new TreeMap<>();
            costs.put("activity", rowsRead(rows, o -> o.activity(TENANT, MailKind.INVITATION, Set.of(ana))));
            costs.put("heldByCampaign", rowsRead(rows, o -> o.heldByCampaign(TENANT, campaign, Set.of(ana))));
            costs.put("hasPending", rowsRead(rows, o -> o.hasPending(TENANT, ana, MailKind.INVITATION)));
            costs.put("lastEnqueuedAt", rowsRead(rows, o -> o.lastEnqueuedAt(TENANT, ana, MailKind.INVITATION)));
            costs.put("listForClient", rowsRead(rows, o -> o.listForClient(TENANT, ana)));
            costs.put("hasRequestAfter", rowsRead(rows, o -> o.hasRequestAfter(TENANT, "ana@example.com", now)));
            return costs;
        }

        private long rowsRead(InMemoryMailOutbox rows, Consumer<InMemoryMailOutbox> lookUp) {
            long before = rows.rowsRead();
            lookUp.accept(rows);
            return rows.rowsRead() - before;
        }
    }

    @Nested
    class Consents {

        @Test
        @Tag("in-memory")
        void opted_out_reads_each_clients_latest_decision_and_forgets_a_rolled_back_one() {
            ClientId ana = client("Ana").id();
            ClientId bea = client("Bea").id();
            ClientId cleo = client("Cleo").id();
            MarketingPreference offers = t.clientele.consent().definePreference(OWNER, TENANT, "offers", "Offers",
                    "Seasonal offers.", Channel.EMAIL);
            t.clientele.consent().optOut(OWNER, TENANT, ana, offers.id());
            t.clientele.consent().optOut(OWNER, TENANT, bea, offers.id());
            t.clientele.consent().optIn(OWNER, TENANT, bea, offers.id());

            assertThatThrownBy(() -> t.memory.transactions().run(() -> {
                t.clientele.consent().optOut(OWNER, TENANT, cleo, offers.id());
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");

            assertThat(t.memory.consents().optedOut(TENANT, offers.id(), Set.of(ana, bea, cleo)))
                    .containsExactly(ana);
            assertThat(t.memory.consents().history(TENANT, cleo)).isEmpty();
            assertThat(t.memory.consents().history(TENANT, bea)).extracting(ConsentRecord::decision)
                    .containsExactly(ConsentDecision.OPT_OUT, ConsentDecision.OPT_IN);
        }
    }

    @Test
    void append_all_refuses_a_batch_with_a_known_id_and_appends_none() {
        ClientId ana = client("Ana").id();
        AuditEntry first = AuditEntry.of(UUID.randomUUID(), TENANT, ana, OWNER, AuditAction.INVITATION_ENQUEUED,
                t.clock.instant(), List.of());
        AuditEntry second = AuditEntry.of(UUID.randomUUID(), TENANT, ana, OWNER, AuditAction.INVITATION_ENQUEUED,
                t.clock.instant(), List.of());
        t.memory.audit().appendAll(List.of(first));
        int before = t.memory.audit().all(TENANT).size();

        assertThatThrownBy(() -> t.memory.audit().appendAll(List.of(second, first)))
                .isInstanceOf(ConflictException.class);

        assertThat(t.memory.audit().all(TENANT)).hasSize(before).doesNotContain(second);
    }

    @Test
    void a_batch_of_events_is_kept_in_order_and_dropped_whole_with_its_unit_of_work() {
        ClientId ana = client("Ana").id();
        List<InvitationEvents.InvitationEnqueued> batch = IntStream.range(0, 3)
                .mapToObj(i -> new InvitationEvents.InvitationEnqueued(TENANT, ana, Optional.empty(),
                        t.clock.instant().plusSeconds(i)))
                .toList();
        InMemoryEventPublisher events = new InMemoryEventPublisher(t.memory.transactions());

        assertThatThrownBy(() -> t.memory.transactions().run(() -> {
            events.publishAll(batch);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(events.events()).isEmpty();

        events.publishAll(batch);
        assertThat(events.events()).containsExactlyElementsOf(batch);
    }

    /** A name part made of letters only (names take no digits): 0 -> "aaa", 1 -> "aab", ... */
    private static String letters(int i) {
        StringBuilder s = new StringBuilder();
        int n = i;
        for (int k = 0; k < 3; k++) {
            s.insert(0, (char) ('a' + n % 26));
            n /= 26;
        }
        return s.toString();
    }
}
