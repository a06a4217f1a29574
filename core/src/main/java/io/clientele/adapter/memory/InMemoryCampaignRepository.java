package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.port.CampaignRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** In-memory {@link CampaignRepository} with version-checked updates. Thread-safe. */
public final class InMemoryCampaignRepository implements CampaignRepository, InspectableStore {

    private record Key(TenantId tenant, UUID id) {
    }

    private final VersionedMap<Key, Campaign> campaigns;

    public InMemoryCampaignRepository(MemoryTransactions tx) {
        this.campaigns = new VersionedMap<>(tx);
    }

    @Override
    public Optional<Campaign> find(TenantId tenant, UUID id) {
        return campaigns.get(new Key(tenant, id));
    }

    @Override
    public synchronized Campaign insert(Campaign campaign) {
        if (campaigns.get(new Key(campaign.tenantId(), campaign.id())).isPresent()) {
            // the primary key: an insert never resets a running campaign's progress
            throw ConflictException.duplicate("id", "campaign " + campaign.id() + " exists");
        }
        Campaign stored = campaign.withVersion(0);
        campaigns.put(new Key(campaign.tenantId(), campaign.id()), stored);
        return stored;
    }

    @Override
    public synchronized Campaign update(Campaign campaign) {
        Key key = new Key(campaign.tenantId(), campaign.id());
        Campaign current = campaigns.get(key).orElseThrow(() -> ConflictException.staleVersion("campaign", campaign.id()));
        if (current.version() != campaign.version()) {
            throw ConflictException.staleVersion("campaign", campaign.id());
        }
        Campaign stored = campaign.withVersion(campaign.version() + 1);
        campaigns.put(key, stored);
        return stored;
    }

    @Override
    public synchronized void dropCustomMessagesTargeting(TenantId tenant, ClientId client) {
        for (Campaign campaign : campaigns.values(c -> c.tenantId().equals(tenant)
                && c.target() instanceof CampaignTarget.Clients explicit && explicit.clientIds().contains(client))) {
            campaigns.put(new Key(tenant, campaign.id()),
                    campaign.withoutCustomMessage().withVersion(campaign.version() + 1));
        }
    }

    @Override
    public String storeName() {
        return "campaigns";
    }

    @Override
    public List<Object> contents() {
        return campaigns.contents();
    }
}
