package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.ConsentSource;
import io.clientele.consent.model.PreferenceId;
import io.clientele.testing.TestClientele;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The in-memory consent log's audience (issue 8, point 1): the query itself answers the latest
 * decision per client, leaves out erased clients and clients of other tenants and preferences,
 * pages by client id with a full page whenever enough clients follow, and forgets the records of a
 * rolled-back unit of work.
 */
class InMemoryConsentAudienceTest {

    private final TestClientele t = new TestClientele();
    private final InMemoryConsentLog log = t.memory.consents();
    private final PreferenceId newsletter = new PreferenceId(UUID.randomUUID());
    private final PreferenceId offers = new PreferenceId(UUID.randomUUID());

    @Test
    @Tag("in-memory")
    void the_latest_decision_per_client_decides_and_erased_clients_are_left_out_by_the_query() {
        Client ada = client("Ada");
        Client bea = client("Bea");
        Client cy = client("Cy");
        Client dee = client("Dee");
        Client eli = client("Eli");
        decide(ada, newsletter, ConsentDecision.OPT_IN);
        decide(bea, newsletter, ConsentDecision.OPT_IN);
        decide(bea, newsletter, ConsentDecision.OPT_OUT);
        decide(cy, newsletter, ConsentDecision.OPT_OUT);
        decide(cy, newsletter, ConsentDecision.OPT_IN);
        decide(dee, newsletter, ConsentDecision.OPT_IN);
        decide(eli, offers, ConsentDecision.OPT_IN);
        t.clientele.erasure().erase(OWNER, TENANT, dee.id());

        Page<ClientId> page = log.audience(TENANT, newsletter, PageRequest.first(10));

        assertThat(page.items()).containsExactlyElementsOf(sorted(ada.id(), cy.id()));
        assertThat(page.hasNext()).isFalse();
        assertThat(log.audience(OTHER_TENANT, newsletter, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    @Tag("in-memory")
    void a_page_is_full_whenever_enough_clients_follow_however_many_erased_ones_lie_between() {
        List<Client> clients = List.of(client("Ada"), client("Bea"), client("Cy"), client("Dee"), client("Eli"),
                client("Flo"));
        clients.forEach(c -> decide(c, newsletter, ConsentDecision.OPT_IN));
        List<ClientId> ids = sorted(clients.stream().map(Client::id).toArray(ClientId[]::new));
        for (ClientId erased : List.of(ids.get(0), ids.get(2), ids.get(3))) {
            t.clientele.erasure().erase(OWNER, TENANT, erased);
        }

        Page<ClientId> first = log.audience(TENANT, newsletter, PageRequest.first(2));
        Page<ClientId> second = log.audience(TENANT, newsletter, PageRequest.after(first.next().orElseThrow(), 2));

        assertThat(first.items()).containsExactly(ids.get(1), ids.get(4));
        assertThat(second.items()).containsExactly(ids.get(5));
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    @Tag("in-memory")
    void a_rolled_back_decision_leaves_the_audience_as_it_was() {
        Client ada = client("Ada");
        Client bea = client("Bea");
        decide(ada, newsletter, ConsentDecision.OPT_IN);

        assertThatThrownBy(() -> t.memory.transactions().run(() -> {
            decide(ada, newsletter, ConsentDecision.OPT_OUT);
            decide(bea, newsletter, ConsentDecision.OPT_IN);
            throw new IllegalStateException("the unit of work fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(log.audience(TENANT, newsletter, PageRequest.first(10)).items()).containsExactly(ada.id());
    }

    private Client client(String firstName) {
        return t.create(ClientDetails.named(firstName, "Audience"));
    }

    private void decide(Client client, PreferenceId preference, ConsentDecision decision) {
        TenantId tenant = client.tenantId();
        log.append(new ConsentRecord(t.ids.next(), tenant, client.id(), preference, decision, t.clock.instant(),
                OWNER.describe(), ConsentSource.STAFF, 1, "0".repeat(64), Optional.empty(), Optional.empty()));
    }

    private static List<ClientId> sorted(ClientId... ids) {
        return Arrays.stream(ids).sorted(Comparator.comparing(ClientId::value)).toList();
    }
}
