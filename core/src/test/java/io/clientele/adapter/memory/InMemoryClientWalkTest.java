package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.Label;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.testing.TestClientele;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The two client reads a campaign's walk uses ({@code findMatching} in id order, {@code findAll}
 * for a batch of ids), on the in-memory adapter.
 */
class InMemoryClientWalkTest {

    private final TestClientele t = new TestClientele();
    private final InMemoryClientRepository clients = t.memory.clients();
    private final List<Client> created = IntStream.range(0, 9)
            .mapToObj(i -> t.create(ClientDetails.named("Client" + (char) ('a' + i), "Walker")))
            .toList();
    private final List<ClientId> inIdOrder = created.stream().map(Client::id)
            .sorted(Comparator.comparing(ClientId::value)).toList();

    @Test
    @Tag("in-memory")
    void find_matching_walks_the_tenants_clients_in_id_order_after_the_position() {
        List<ClientId> walked = new ArrayList<>();
        Optional<ClientId> position = Optional.empty();
        while (true) {
            List<Client> chunk = position.isPresent()
                    ? clients.findMatching(TENANT, ClientQuery.all(), position.get(), 4)
                    : clients.findMatching(TENANT, ClientQuery.all(), 4);
            if (chunk.isEmpty()) {
                break;
            }
            assertThat(chunk).hasSizeLessThanOrEqualTo(4);
            chunk.forEach(c -> walked.add(c.id()));
            position = Optional.of(chunk.get(chunk.size() - 1).id());
        }

        assertThat(walked).containsExactlyElementsOf(inIdOrder);
    }

    @Test
    @Tag("in-memory")
    void find_matching_applies_every_filter_of_the_query() {
        Label vip = t.clientele.labels().create(OWNER, TENANT, "VIP");
        t.clientele.labels().assign(OWNER, TENANT, inIdOrder.get(1), vip.id());
        t.clientele.labels().assign(OWNER, TENANT, inIdOrder.get(6), vip.id());
        t.clientele.labels().assign(OWNER, TENANT, inIdOrder.get(7), vip.id());
        t.clientele.erasure().erase(OWNER, TENANT, inIdOrder.get(7));

        assertThat(clients.findMatching(TENANT, ClientQuery.all().withLabel(vip.id()), 10))
                .extracting(Client::id).containsExactly(inIdOrder.get(1), inIdOrder.get(6));
        assertThat(clients.findMatching(TENANT, ClientQuery.all(), inIdOrder.get(5), 10))
                .extracting(Client::id).containsExactly(inIdOrder.get(6), inIdOrder.get(8));
        assertThat(clients.findMatching(TENANT, ClientQuery.all().includingErased(), inIdOrder.get(5), 2))
                .extracting(Client::id).containsExactly(inIdOrder.get(6), inIdOrder.get(7));
        assertThat(clients.findMatching(TENANT, ClientQuery.all().withStatus(InvitationStatus.ACCEPTED), 10))
                .isEmpty();
        assertThat(clients.findMatching(TENANT, ClientQuery.all().withText("clientc"), 10))
                .extracting(Client::id).containsExactly(created.get(2).id());
    }

    @Test
    @Tag("in-memory")
    void find_matching_and_find_all_stay_in_their_tenant() {
        Client foreign = t.clientele.clients().create(OTHER_OWNER, OTHER_TENANT, ClientDetails.named("Ysolde", "Umber"));

        assertThat(clients.findMatching(TENANT, ClientQuery.all(), 100))
                .extracting(Client::id).doesNotContain(foreign.id()).hasSize(created.size());
        assertThat(clients.findMatching(OTHER_TENANT, ClientQuery.all(), 100))
                .extracting(Client::id).containsExactly(foreign.id());
        assertThat(clients.findAll(TENANT, List.of(foreign.id(), inIdOrder.get(0)))).extracting(Client::id)
                .containsExactly(inIdOrder.get(0));
    }

    @Test
    @Tag("in-memory")
    void find_all_returns_the_clients_that_exist_among_the_ids() {
        ClientId unknown = new ClientId(UUID.randomUUID());

        assertThat(clients.findAll(TENANT, List.of(inIdOrder.get(3), unknown, inIdOrder.get(5))))
                .extracting(Client::id).containsExactlyInAnyOrder(inIdOrder.get(3), inIdOrder.get(5));
        assertThat(clients.findAll(TENANT, List.of())).isEmpty();
    }

    @Test
    @Tag("in-memory")
    void a_client_whose_insert_rolled_back_is_not_walked() {
        assertThatThrownBy(() -> t.memory.transactions().run(() -> {
            t.create(ClientDetails.named("Ghost", "Walker"));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(clients.findMatching(TENANT, ClientQuery.all(), 100))
                .extracting(Client::id).containsExactlyElementsOf(inIdOrder);
    }
}
