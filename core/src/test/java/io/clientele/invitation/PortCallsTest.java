package io.clientele.invitation;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.Ids;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression test of issue 8, point 1: the mail dispatcher made about thirteen port calls per mail
 * (a unit of work, a client lock, a re-read, a consent look-up, two token inserts, a template read
 * per mail, then per result a lock, a re-read, a mark, a live-links read, an update, an audit
 * append), so a batch of 500 mails was thousands of database round trips. Every port is wrapped in
 * a counting proxy ({@link CountingPorts}) and a batch of 10 mails and one of 500 make exactly the
 * same calls to every port; so does a batch holding every kind of row (mails that fail, rows
 * settled without sending, "forgot password" requests). The composer is left out of the count: it
 * renders each mail in memory (a pure function of the mail model), it is no round trip.
 *
 * <p>Prints {@code RESULT name=port-calls campaign_per_chunk=<n> dispatch_per_batch=<n>}, both
 * measured at 500 (a campaign chunk of 500 clients, a dispatch batch of 500 mails); the campaign
 * half is printed as measured on this code, and asserted by the campaign's own tests.
 */
class PortCallsTest {

    private static final List<Integer> SIZES = List.of(10, 500);

    @Test
    void a_dispatcher_batch_makes_the_same_port_calls_whatever_its_size() {
        Map<Integer, Map<String, Long>> dispatchCalls = new TreeMap<>();
        Map<Integer, Long> campaignPerChunk = new TreeMap<>();
        for (int size : SIZES) {
            Studio studio = new Studio(size);
            campaignPerChunk.put(size, studio.campaignCallsPerChunk());

            studio.ports.reset();
            DispatchReport report = studio.clientele.mailDispatcher().dispatchDue();

            assertThat(report).isEqualTo(new DispatchReport(size, size, 0, 0, 0));
            dispatchCalls.put(size, studio.portCalls());
        }

        long perBatch = total(dispatchCalls.get(500));
        System.out.println("port-calls: dispatch per batch " + dispatchCalls + "; campaign per chunk " + campaignPerChunk);
        System.out.println("RESULT name=port-calls campaign_per_chunk=" + campaignPerChunk.get(500)
                + " dispatch_per_batch=" + perBatch);
        assertThat(dispatchCalls.get(500)).as("calls per port for a batch of 500 and one of 10")
                .isEqualTo(dispatchCalls.get(10));
        assertThat(perBatch).as("port calls of one batch").isLessThanOrEqualTo(20);
    }

    @Test
    void a_batch_with_every_kind_of_row_makes_the_same_port_calls_whatever_its_size() {
        Map<Integer, Map<String, Long>> dispatchCalls = new TreeMap<>();
        for (int size : SIZES) {
            Studio studio = new Studio(size);
            studio.campaignCallsPerChunk();
            Client accepted = studio.clients.get(0);
            // accepted and erased after their invitations were queued: both rows are settled unsent
            studio.memory.clients().update(studio.reload(accepted).accept(studio.clock.instant()));
            studio.memory.clients().update(studio.reload(studio.clients.get(1)).erase(studio.clock.instant()));
            // one request becomes the accepted client's reset mail, the other matches nobody
            studio.clientele.activation().forgotPassword(TENANT, accepted.details().email().orElseThrow().value());
            studio.clientele.activation().forgotPassword(TENANT, "nobody@example.com");
            studio.memory.mailSender().failNextPermanently(1).failNextTransiently(1);

            studio.ports.reset();
            DispatchReport report = studio.clientele.mailDispatcher().dispatchDue();

            // size invitations and 2 requests; 2 settled unsent, 1 failed and 1 retried at sending
            assertThat(report).isEqualTo(new DispatchReport(size + 2, size - 3, 1, 2, 2));
            dispatchCalls.put(size, studio.portCalls());
        }

        assertThat(dispatchCalls.get(500)).as("calls per port for a batch of 502 and one of 12")
                .isEqualTo(dispatchCalls.get(10));
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One tenant with {@code size} clients on in-memory adapters behind counting proxies, campaign
     * chunks and dispatch batches of {@code size}.
     */
    private static final class Studio {
        final MutableClock clock = MutableClock.standard();
        final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
        final CountingPorts ports = new CountingPorts();
        final Clientele clientele;
        final List<Client> clients = new ArrayList<>();

        Studio(int size) {
            clientele = ports.installInto(memory, Clientele.builder()).clock(clock).ids(new Ids(clock))
                    .invitations(INVITATIONS.withCampaignChunkSize(size).withDispatchBatchSize(size + 2))
                    .pacer(clock::advance).build();
            for (int i = 0; i < size; i++) {
                clients.add(clientele.clients().create(OWNER, TENANT,
                        ClientDetails.named("Client", letters(i)).withEmail("client" + i + "@example.com")));
            }
        }

        /** Runs a campaign over every client; answers the port calls of the run per committed chunk. */
        long campaignCallsPerChunk() {
            Campaign campaign = clientele.campaigns().create(OWNER, TENANT, new CampaignTarget.AllClients());
            AtomicInteger chunks = new AtomicInteger();
            ports.reset();
            clientele.campaigns().run(OWNER, TENANT, campaign.id(), c -> chunks.incrementAndGet());
            return ports.total(name -> true) / Math.max(1, chunks.get());
        }

        /** The port calls counted since the last reset, rendering left out. */
        Map<String, Long> portCalls() {
            Map<String, Long> calls = new TreeMap<>(ports.counts());
            calls.keySet().removeIf(name -> name.startsWith("MailComposer."));
            return calls;
        }

        Client reload(Client client) {
            return memory.clients().find(TENANT, client.id()).orElseThrow();
        }
    }

    /** A name part for number {@code n}: A, B, ..., Z, Ba, Bb, ... */
    private static String letters(int n) {
        String digits = Integer.toString(n, 26);
        StringBuilder name = new StringBuilder();
        for (char c : digits.toCharArray()) {
            int value = Character.digit(c, 26);
            name.append((char) ((name.length() == 0 ? 'A' : 'a') + value));
        }
        return name.toString();
    }
}
