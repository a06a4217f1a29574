package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.service.CampaignProgressListener;
import io.clientele.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many statements one campaign chunk sends to PostgreSQL, counted at the JDBC data source
 * ({@link CountedStatements}: every {@code execute*} call once, a JDBC batch once): a chunk of 500
 * clients sends exactly the statements of a chunk of 50, so nothing in it reads or writes per
 * client.
 */
class CampaignChunkStatementsTest {

    private final Fixtures fx = Fixtures.standard();

    @Test
    void a_campaign_chunk_of_500_clients_sends_as_many_statements_as_a_chunk_of_50() {
        List<String> chunkOf500 = chunkStatements(500);
        List<String> chunkOf50 = chunkStatements(50);

        System.out.println("RESULT name=campaign-chunk-statements chunk=500 statements=" + chunkOf500.size());
        assertThat(chunkOf500).as("statements of the chunk of 500").hasSameSizeAs(chunkOf50);
    }

    /**
     * The statements of the one chunk's unit of work of a campaign over {@code clients} clients run
     * with a chunk size of {@code clients} (the run is two units: the campaign's load, then the
     * chunk, which finds no client after its last and completes the campaign).
     */
    private List<String> chunkStatements(int clients) {
        JpaClientele t = new JpaClientele(CountedStatements.postgresAdapters(),
                config -> config.withCampaignChunkSize(clients));
        t.jpa.transactions().run(() -> {
            for (int i = 0; i < clients; i++) {
                t.jpa.clients().insert(fx.aClient(t.tenant)
                        .withEmail("client-" + i + "-" + Fixtures.randomHex(4) + "@example.com").build());
            }
        });
        Campaign campaign = t.clientele.campaigns().create(t.owner, t.tenant, new CampaignTarget.AllClients());
        Campaign[] done = new Campaign[1];

        List<String> sent = CountedStatements.of(() -> done[0] = t.clientele.campaigns().run(t.owner, t.tenant,
                campaign.id(), CampaignProgressListener.NONE));

        assertThat(done[0].status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done[0].progress().enqueued()).as("every client invited").isEqualTo(clients);
        List<List<String>> units = CountedStatements.units(sent);
        assertThat(units).as("the campaign's load, then one chunk").hasSize(2);
        return units.get(1);
    }
}
