package io.clientele.client.service;

import static io.clientele.client.service.ClientListTest.LAST_FIRST_ID;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.ClientSummary;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.testing.TestClientele;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Keyset pagination of {@link ClientProfileService#list} over generated names drawn from a tiny
 * alphabet, so namesakes, case variants and names that extend one another are frequent.
 */
class ClientListPaginationProperties {

    @Provide
    Arbitrary<List<ClientDetails>> clientNames() {
        Arbitrary<String> part = Arbitraries.strings().withChars('a', 'b', 'A', 'B').ofMinLength(1).ofMaxLength(2)
                .flatMap(head -> Arbitraries.of("", "-a", "'b", "-B").map(tail -> head + tail));
        return Combinators.combine(part, part).as(ClientDetails::named).list().ofMinSize(0).ofMaxSize(12);
    }

    @Property(tries = 60)
    void walking_the_pages_shows_every_client_once_in_name_then_id_order(
            @ForAll("clientNames") List<ClientDetails> names, @ForAll @IntRange(min = 1, max = 5) int size) {
        TestClientele t = new TestClientele();
        List<Client> created = names.stream().map(t::create).toList();

        List<Page<ClientSummary>> pages = new ArrayList<>();
        Page<ClientSummary> page = t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(), PageRequest.first(size));
        pages.add(page);
        while (page.hasNext() && pages.size() <= created.size() + 1) {
            page = t.clientele.clients().list(OWNER, TENANT, ClientQuery.all(),
                    PageRequest.after(page.next().orElseThrow(), size));
            pages.add(page);
        }

        List<ClientSummary> walked = pages.stream().flatMap(p -> p.items().stream()).toList();
        assertThat(walked).extracting(ClientSummary::id)
                .containsExactlyInAnyOrderElementsOf(created.stream().map(Client::id).toList());
        assertThat(walked).isSortedAccordingTo(LAST_FIRST_ID);
        assertThat(pages.get(pages.size() - 1).hasNext()).isFalse();
        assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(p -> assertThat(p.items()).hasSize(size));
    }
}
