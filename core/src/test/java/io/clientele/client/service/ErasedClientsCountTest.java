package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.ClientQuery;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.model.StatusCounts;
import io.clientele.common.PageRequest;
import io.clientele.testing.TestClientele;
import org.junit.jupiter.api.Test;

/**
 * Regression test of issue 7, point 22: with erased clients included, the list's status counts
 * counted an erased client under the status it had ({@code ADDED} for most), not as erased.
 */
class ErasedClientsCountTest {

    private final TestClientele t = new TestClientele();
    private final ClientProfileService clients = t.clientele.clients();

    @Test
    void erased_clients_count_as_erased_not_as_added() {
        Client ana = t.ana();
        Client bo = t.create(ClientDetails.named("Bo", "Berg").withEmail("bo.berg@example.com"));
        Client cy = t.create(ClientDetails.named("Cy", "Nomail"));
        ClientListTest.withStatus(t, bo, InvitationStatus.ACCEPTED);
        t.clientele.erasure().erase(OWNER, TENANT, ana.id());
        t.clientele.erasure().erase(OWNER, TENANT, bo.id());

        StatusCounts withErased = clients.countByStatus(OWNER, TENANT, ClientQuery.all().includingErased());
        StatusCounts withoutErased = clients.countByStatus(OWNER, TENANT, ClientQuery.all());

        assertThat(withErased).isEqualTo(new StatusCounts(1, 0, 0, 2));
        assertThat(withoutErased).isEqualTo(new StatusCounts(1, 0, 0, 0));
        assertThat(withErased.total()).isEqualTo(clients.list(OWNER, TENANT, ClientQuery.all().includingErased(),
                PageRequest.first(10)).items().size());
        assertThat(t.reload(cy.id()).invitationStatus()).isEqualTo(InvitationStatus.ADDED);
    }
}
