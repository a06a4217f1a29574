package io.clientele.credit;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.ownerOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Ids;
import io.clientele.common.TenantId;
import io.clientele.credit.model.CreditState;
import io.clientele.credit.service.CreditIssue;
import io.clientele.credit.service.CreditService;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Regression test of issue 8, point 1: the credit expiry sweep locked and expired one credit per
 * unit of work, with a lock, a re-read, an update, a ledger append, an audit append and an event
 * each, so a sweep of 10,000 due credits was some 60,000 round trips. Every port is wrapped in a
 * counting proxy ({@link CountingPorts}); a sweep of 10 due credits and one of 200 make exactly the
 * same calls, the ones listed here by hand, and so do the balances of a client with 10 credits and
 * of one with 200.
 */
class CreditSweepPortCallsTest {

    /** The calls of a sweep whose due credits belong to one tenant, whatever their number. */
    private static final Map<String, Long> ONE_TENANT_SWEEP = Map.of(
            "TransactionRunner.inReadOnlyTransaction", 1L,
            "CreditRepository.dueForExpiry", 1L,
            "TransactionRunner.inTransaction", 1L,
            "ClientRepository.findAllForUpdate", 1L,
            "CreditRepository.expireDue", 1L,
            "CreditRepository.appendAll", 1L,
            "AuditLog.appendAll", 1L,
            "EventPublisher.publishAll", 1L);

    @Test
    void a_sweep_makes_the_same_port_calls_for_10_and_for_200_due_credits() {
        Map<Integer, Long> perSweep = new TreeMap<>();
        for (int size : List.of(10, 200)) {
            Studio studio = new Studio();
            studio.dueCredits(TENANT, size);

            studio.ports.reset();
            int expired = studio.clientele.credits().expireDue(CreditService.MAX_SWEEP_BATCH);

            assertThat(expired).isEqualTo(size);
            assertThat(studio.ports.counts()).as("port calls of a sweep of %d credits", size)
                    .isEqualTo(ONE_TENANT_SWEEP);
            perSweep.put(size, studio.ports.total(name -> true));
        }
        System.out.println("RESULT name=credit-sweep-port-calls due_10=" + perSweep.get(10) + " due_200="
                + perSweep.get(200));
    }

    @Test
    void a_sweep_over_two_tenants_makes_one_unit_of_work_of_the_same_calls_per_tenant() {
        Studio studio = new Studio();
        studio.dueCredits(TENANT, 30);
        studio.dueCredits(OTHER_TENANT, 5);

        studio.ports.reset();
        int expired = studio.clientele.credits().expireDue(CreditService.MAX_SWEEP_BATCH);

        assertThat(expired).isEqualTo(35);
        assertThat(studio.ports.counts()).isEqualTo(Map.of(
                "TransactionRunner.inReadOnlyTransaction", 1L,
                "CreditRepository.dueForExpiry", 1L,
                "TransactionRunner.inTransaction", 2L,
                "ClientRepository.findAllForUpdate", 2L,
                "CreditRepository.expireDue", 2L,
                "CreditRepository.appendAll", 2L,
                "AuditLog.appendAll", 2L,
                "EventPublisher.publishAll", 2L));
    }

    @Test
    void a_second_sweep_reads_the_due_credits_once_and_changes_nothing() {
        Studio studio = new Studio();
        studio.dueCredits(TENANT, 10);
        studio.clientele.credits().expireDue(CreditService.MAX_SWEEP_BATCH);

        studio.ports.reset();
        int again = studio.clientele.credits().expireDue(CreditService.MAX_SWEEP_BATCH);

        assertThat(again).isZero();
        assertThat(studio.ports.counts()).isEqualTo(Map.of(
                "TransactionRunner.inReadOnlyTransaction", 1L,
                "CreditRepository.dueForExpiry", 1L));
    }

    @Test
    void the_balances_are_one_count_whatever_the_number_of_credits() {
        for (int size : List.of(10, 200)) {
            Studio studio = new Studio();
            List<Client> clients = studio.dueCredits(TENANT, size);
            Client client = clients.get(0);
            for (int issued = 0; issued < size; issued += CreditService.MAX_MANUAL_ISSUE) {
                studio.clientele.credits().issueMembershipCredits(ownerOf(TENANT), TENANT, client.id(),
                        CreditIssue.of(Math.min(size - issued, CreditService.MAX_MANUAL_ISSUE), "more"));
            }

            studio.ports.reset();
            Map<CreditState, Long> balances = studio.clientele.credits().balances(ownerOf(TENANT), TENANT,
                    client.id());

            assertThat(balances).containsEntry(CreditState.REDEEMABLE, (long) size)
                    .containsEntry(CreditState.EXPIRED, 2L);
            Map<String, Long> calls = studio.ports.counts();
            assertThat(calls.keySet()).as("ports called for the balances of a client with %d credits", size)
                    .isSubsetOf("TransactionRunner.inTransaction", "TransactionRunner.inReadOnlyTransaction",
                            "ClientRepository.find", "CreditRepository.countByState");
            assertThat(calls).containsEntry("ClientRepository.find", 1L)
                    .containsEntry("CreditRepository.countByState", 1L);
            assertThat(studio.ports.total(name -> name.startsWith("TransactionRunner."))).isEqualTo(1);
        }
    }

    /** A name part for number {@code n}: A, B, ..., Z, Ba, Bb, ... */
    private static String letters(int n) {
        StringBuilder name = new StringBuilder();
        for (char c : Integer.toString(n, 26).toCharArray()) {
            name.append((char) ((name.length() == 0 ? 'A' : 'a') + Character.digit(c, 26)));
        }
        return name.toString();
    }

    /** Clientele on counting in-memory adapters. */
    private static final class Studio {
        final MutableClock clock = MutableClock.standard();
        final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
        final CountingPorts ports = new CountingPorts();
        final Clientele clientele = ports.installInto(memory, Clientele.builder()).clock(clock).ids(new Ids(clock))
                .invitations(INVITATIONS).pacer(clock::advance).build();

        /**
         * {@code count} credits of {@code tenant}, two per client, that expire in a day; then the
         * clock moves two days on, so they are all due. Answers the clients.
         */
        List<Client> dueCredits(TenantId tenant, int count) {
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < count; i += 2) {
                Client client = clientele.clients().create(ownerOf(tenant), tenant,
                        ClientDetails.named("Client", letters(i)));
                clientele.credits().issueMembershipCredits(ownerOf(tenant), tenant, client.id(),
                        CreditIssue.of(Math.min(2, count - i), "expiring gift")
                                .expiringAt(clock.instant().plus(Duration.ofDays(1))));
                clients.add(client);
            }
            clock.advance(Duration.ofDays(2));
            return clients;
        }
    }
}
