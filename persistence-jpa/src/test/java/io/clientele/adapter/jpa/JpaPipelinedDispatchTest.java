package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.client.model.InvitationStatus;
import io.clientele.client.service.ClientDetails;
import io.clientele.invitation.model.InvitationEvents;
import io.clientele.invitation.service.DispatchReport;
import io.clientele.mail.model.RenderedMail;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code dispatchAll()} with full batches on each database: the batches after the first are claimed,
 * prepared and recorded on the dispatcher's second thread through the resource-local runner, and
 * their events are published after those commits, as the first batch's are.
 */
class JpaPipelinedDispatchTest {

    private static final int BATCH = 5;
    private static final int CLIENTS = 12;

    @Test
    void pipelined_batches_are_sent_recorded_and_published_on_postgresql() {
        dispatchInBatches(new JpaClientele(Databases.postgresAdapters(), c -> c.withDispatchBatchSize(BATCH)));
    }

    @Test
    void pipelined_batches_are_sent_recorded_and_published_on_h2() {
        dispatchInBatches(new JpaClientele(Databases.h2Adapters(), c -> c.withDispatchBatchSize(BATCH)));
    }

    private static void dispatchInBatches(JpaClientele t) {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Client client = t.clientele.clients().create(t.owner, t.tenant, ClientDetails.named("Ana", "Pipe")
                    .withEmail("pipe" + i + "." + t.tenant.value().toLowerCase() + "@example.com"));
            t.clientele.invitations().invite(t.owner, t.tenant, client.id());
            clients.add(client);
        }

        DispatchReport report = t.clientele.mailDispatcher().dispatchAll();

        // the shared database may hold other tests' due mails: this tenant's part is what counts
        assertThat(report.sent()).isGreaterThanOrEqualTo(CLIENTS);
        assertThat(t.host.mailSender().batches()).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(BATCH));
        assertThat(t.host.mailSender().delivered()).filteredOn(m -> m.tenantId().equals(t.tenant))
                .extracting(RenderedMail::to).hasSize(CLIENTS).doesNotHaveDuplicates();
        assertThat(clients).allSatisfy(c -> assertThat(t.clientele.clients().get(t.owner, t.tenant, c.id())
                .invitationStatus()).isEqualTo(InvitationStatus.INVITED));
        assertThat(t.host.events().events(InvitationEvents.InvitationSent.class))
                .filteredOn(e -> e.tenantId().equals(t.tenant))
                .extracting(InvitationEvents.InvitationSent::clientId)
                .containsExactlyInAnyOrderElementsOf(clients.stream().map(Client::id).toList());
    }
}
