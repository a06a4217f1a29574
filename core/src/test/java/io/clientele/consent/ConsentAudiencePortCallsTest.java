package io.clientele.consent;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.Ids;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.testing.CountingPorts;
import io.clientele.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Regression test of issue 8, point 1: a page of a preference's audience looked up every client
 * it listed ({@code ClientRepository.find}, to leave the erased ones out) and asked the log again
 * for more whenever erased clients left the page short, so a page cost one round trip per client
 * and more. Every port is wrapped in a counting proxy ({@link CountingPorts}); an audience of 10
 * clients and one of 200, a third of them erased and some opted out again, are listed in pages of
 * half their size, and every page makes the same calls: the preference, then the page.
 */
class ConsentAudiencePortCallsTest {

    private static final Map<String, Long> ONE_PAGE = Map.of(
            "TransactionRunner.inReadOnlyTransaction", 1L,
            "PreferenceRepository.find", 1L,
            "ConsentLog.audience", 1L);

    @Test
    void a_page_of_the_audience_makes_the_same_port_calls_for_10_and_for_200_clients() {
        Map<Integer, Long> perPage = new TreeMap<>();
        for (int size : List.of(10, 200)) {
            Studio studio = new Studio();
            List<ClientId> audience = studio.audienceOf(size);
            int pageSize = size / 2;

            List<ClientId> listed = new ArrayList<>();
            PageRequest request = PageRequest.first(pageSize);
            int pages = 0;
            while (true) {
                studio.ports.reset();
                Page<ClientId> page = studio.clientele.consent().audience(OWNER, TENANT, studio.newsletter.id(),
                        request);
                pages++;
                assertThat(studio.ports.counts()).as("port calls of page %d of an audience of %d", pages, size)
                        .isEqualTo(ONE_PAGE);
                perPage.merge(size, studio.ports.total(name -> true), Math::max);
                listed.addAll(page.items());
                if (page.next().isEmpty()) {
                    break;
                }
                assertThat(page.items()).as("a page before the last is full").hasSize(pageSize);
                request = PageRequest.after(page.next().get(), pageSize);
            }
            assertThat(listed).isEqualTo(audience);
        }
        System.out.println("RESULT name=consent-audience-port-calls page_of_5=" + perPage.get(10) + " page_of_100="
                + perPage.get(200));
    }

    /** Clientele on counting in-memory adapters, with a newsletter preference. */
    private static final class Studio {
        final MutableClock clock = MutableClock.standard();
        final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
        final CountingPorts ports = new CountingPorts();
        final Clientele clientele = ports.installInto(memory, Clientele.builder()).clock(clock).ids(new Ids(clock))
                .invitations(INVITATIONS).pacer(clock::advance).build();
        final MarketingPreference newsletter = clientele.consent().definePreference(OWNER, TENANT, "newsletter",
                "Newsletter", "Monthly news.", Channel.EMAIL);

        /**
         * {@code count} clients who opt in; every third is then erased and every fifth opts out
         * again. Answers the rest, the audience, in client id order (ids grow as clients are made).
         */
        List<ClientId> audienceOf(int count) {
            List<ClientId> audience = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Client client = clientele.clients().create(OWNER, TENANT, ClientDetails.named("Client", letters(i)));
                clientele.consent().optIn(OWNER, TENANT, client.id(), newsletter.id());
                if (i % 3 == 1) {
                    clientele.erasure().erase(OWNER, TENANT, client.id());
                } else if (i % 5 == 2) {
                    clientele.consent().optOut(OWNER, TENANT, client.id(), newsletter.id());
                } else {
                    audience.add(client.id());
                }
            }
            return audience;
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
}
