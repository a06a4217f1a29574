package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.GroupId;
import io.clientele.client.model.LabelId;
import io.clientele.common.CampaignId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.model.InvitationMessage;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.testkit.Fixtures;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the JPA campaign repository does beyond the contract, on PostgreSQL and H2 alike: every kind
 * of target, and every state with its counters, position, completion time and custom text, reads
 * back as it was stored (the contract stores explicit and all-client targets only).
 */
class JpaCampaignRepositoryTest {

    static Stream<String> databases() {
        return Stream.of("postgres", "h2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_campaign_of_every_target_kind_and_state_reads_back_as_it_was_stored(String database) {
        JpaAdapters jpa = database.equals("postgres") ? Databases.postgresAdapters() : Databases.h2Adapters();
        CampaignRepository campaigns = jpa.campaigns();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        InvitationMessage text = new InvitationMessage("Spring at the studio", "");
        List<Campaign> created = List.of(
                Campaign.create(new CampaignId(fx.nextId()), tenant, new CampaignTarget.Group(new GroupId(fx.nextId())),
                        text, "staff:ana", fx.now()),
                Campaign.create(new CampaignId(fx.nextId()), tenant,
                        new CampaignTarget.WithLabel(new LabelId(fx.nextId())), "staff:ana", fx.now()),
                Campaign.create(new CampaignId(fx.nextId()), tenant,
                        new CampaignTarget.WithStatus(CampaignTarget.TargetStatus.INVITED), "staff:ana", fx.now()),
                Campaign.create(new CampaignId(fx.nextId()), tenant, new CampaignTarget.Clients(Set.of()),
                        "staff:ana", fx.now()));
        Campaign started = created.get(1).start();
        Campaign completed = created.get(2).start()
                .advance(new CampaignProgress(9, 1, 2, 3, 4, 5, 6, 7, 8), fx.newClientId())
                .complete(fx.now());

        created.forEach(c -> tx.run(() -> campaigns.insert(c)));
        Campaign startedNow = tx.inTransaction(() -> campaigns.update(started));
        Campaign completedNow = tx.inTransaction(() -> campaigns.update(completed));

        assertThat(startedNow.position()).isEmpty();
        assertThat(completedNow.completedAt()).contains(fx.now());
        assertThat(List.of(created.get(0), startedNow, completedNow, created.get(3)))
                .allSatisfy(c -> assertThat(tx.inReadOnlyTransaction(() -> campaigns.find(tenant, c.id())))
                        .contains(c));
    }
}
