package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignProgress;
import io.clientele.invitation.model.CampaignStatus;
import io.clientele.invitation.port.CampaignRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CampaignRepository}: campaigns are found in their tenant only and never
 * replaced by an insert ({@code DUPLICATE}); updates are version-checked ({@code STALE_VERSION});
 * the erasure drops the custom message of exactly the tenant's campaigns whose explicit target
 * lists the client, raising their versions; a rolled-back unit of work leaves nothing.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class CampaignRepositoryContract {

    private CampaignRepository campaigns;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;
    private ClientId bea;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' campaigns: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<CampaignRepository> createAdapter();

    @BeforeEach
    void setUpCampaignRepositoryContract() {
        PortUnderTest<CampaignRepository> adapter = createAdapter();
        campaigns = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
        bea = fx.newClientId();
    }

    private Campaign insert(Campaign campaign) {
        return tx.inTransaction(() -> campaigns.insert(campaign));
    }

    private Optional<Campaign> find(TenantId in, Campaign campaign) {
        return tx.inReadOnlyTransaction(() -> campaigns.find(in, campaign.id()));
    }

    private Campaign advanced(Campaign campaign) {
        return campaign.start().advance(new CampaignProgress(2, 1, 1, 0, 0, 0, 0, 0, 0), bea);
    }

    @Test
    void a_new_campaign_is_found_in_its_tenant_only() {
        Campaign campaign = fx.campaignFor(tenant, Set.of(ana, bea));

        Campaign stored = insert(campaign);

        assertThat(stored).isEqualTo(campaign);
        assertThat(find(tenant, campaign)).contains(campaign);
        assertThat(find(otherTenant, campaign)).isEmpty();
    }

    @Test
    void an_id_that_is_stored_already_cannot_be_inserted_again() {
        Campaign campaign = insert(fx.campaignForAll(tenant));
        Campaign running = tx.inTransaction(() -> campaigns.update(advanced(campaign)));

        duplicate(() -> insert(campaign));

        assertThat(find(tenant, campaign)).contains(running);
    }

    @Test
    void an_update_is_version_checked_and_raises_the_version() {
        Campaign campaign = insert(fx.campaignForAll(tenant));

        Campaign running = tx.inTransaction(() -> campaigns.update(advanced(campaign)));
        stale(() -> tx.inTransaction(() -> campaigns.update(campaign.start().complete(fx.now()))));
        Campaign completed = tx.inTransaction(() -> campaigns.update(running.complete(fx.now())));

        assertThat(running.version()).isEqualTo(1);
        assertThat(running.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(running.position()).contains(bea);
        assertThat(completed.version()).isEqualTo(2);
        assertThat(find(tenant, campaign)).contains(completed);
    }

    @Test
    void erasure_drops_the_custom_message_of_the_campaigns_whose_explicit_target_lists_the_client() {
        Campaign listing = insert(fx.campaignFor(tenant, Set.of(ana, bea)));
        Campaign notListing = insert(fx.campaignFor(tenant, Set.of(bea)));
        Campaign everyone = insert(fx.campaignForAllWithMessage(tenant));
        Campaign elsewhere = insert(fx.campaignFor(otherTenant, Set.of(ana)));

        tx.run(() -> campaigns.dropCustomMessagesTargeting(tenant, ana));

        Campaign dropped = find(tenant, listing).orElseThrow();
        assertThat(dropped.customMessage()).isEmpty();
        assertThat(dropped.version()).isEqualTo(1);
        assertThat(dropped.target()).isEqualTo(listing.target());
        assertThat(find(tenant, notListing)).contains(notListing);
        assertThat(find(tenant, everyone)).contains(everyone);
        assertThat(find(otherTenant, elsewhere)).contains(elsewhere);
        stale(() -> tx.inTransaction(() -> campaigns.update(advanced(listing))));
        assertThat(find(tenant, listing)).contains(dropped);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_campaign_no_update_and_the_custom_messages() {
        Campaign listing = insert(fx.campaignFor(tenant, Set.of(ana)));
        Campaign updated = insert(fx.campaignForAll(tenant));
        Campaign added = fx.campaignForAll(tenant);

        rolledBack(tx, () -> {
            campaigns.insert(added);
            campaigns.update(advanced(updated));
            campaigns.dropCustomMessagesTargeting(tenant, ana);
        });

        assertThat(find(tenant, added)).isEmpty();
        assertThat(find(tenant, updated)).contains(updated);
        assertThat(find(tenant, listing)).contains(listing);
    }
}
