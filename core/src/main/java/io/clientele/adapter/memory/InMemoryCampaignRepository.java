package io.clientele.adapter.memory;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import io.clientele.invitation.model.CampaignTarget;
import io.clientele.invitation.port.CampaignRepository;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link CampaignRepository} with version-checked updates. The clients an explicit
 * target lists are indexed (tenant and client to campaigns, the {@code campaign_client} table of a
 * SQL adapter), so erasure finds the campaigns aimed at a client without reading every campaign.
 * Writes roll back with a failed unit of work. Thread-safe.
 */
public final class InMemoryCampaignRepository implements CampaignRepository, InspectableStore {

    private record Key(TenantId tenant, CampaignId id) {
    }

    private record TargetedClient(TenantId tenant, ClientId client) {
    }

    private final MemoryTransactions tx;
    private final VersionedMap<Key, Campaign> campaigns;
    /** The campaigns whose explicit target lists each client; targets never change once stored. */
    private final ConcurrentHashMap<TargetedClient, Set<CampaignId>> byTargetedClient = new ConcurrentHashMap<>();

    public InMemoryCampaignRepository(MemoryTransactions tx) {
        this.tx = tx;
        this.campaigns = new VersionedMap<>(tx);
    }

    @Override
    public Optional<Campaign> find(TenantId tenant, CampaignId id) {
        return campaigns.get(new Key(tenant, id));
    }

    @Override
    public synchronized Campaign insert(Campaign campaign) {
        Key key = new Key(campaign.tenantId(), campaign.id());
        if (campaigns.get(key).isPresent()) {
            // the primary key: an insert never resets a running campaign's progress
            throw ConflictException.duplicate("id", "campaign " + campaign.id() + " exists");
        }
        Campaign stored = campaign.withVersion(0);
        campaigns.put(key, stored);
        if (campaign.target() instanceof CampaignTarget.Clients explicit) {
            for (ClientId client : explicit.clientIds()) {
                Set<CampaignId> aimed = byTargetedClient.computeIfAbsent(
                        new TargetedClient(campaign.tenantId(), client), k -> ConcurrentHashMap.newKeySet());
                aimed.add(campaign.id());
                tx.onRollback(() -> aimed.remove(campaign.id()));
            }
        }
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
        for (CampaignId id : byTargetedClient.getOrDefault(new TargetedClient(tenant, client), Set.of())) {
            Key key = new Key(tenant, id);
            campaigns.get(key).ifPresent(campaign -> campaigns.put(key,
                    campaign.withoutCustomMessage().withVersion(campaign.version() + 1)));
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
