package io.clientele.invitation.port;

import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import java.util.Optional;
import java.util.UUID;

/** Stores campaigns. SPI; thread-safe; updates are version-checked (stale: {@code ConflictException}). */
public interface CampaignRepository {

    /** The campaign, if it exists in this tenant. */
    Optional<Campaign> find(TenantId tenant, UUID id);

    /** Stores a new campaign. */
    Campaign insert(Campaign campaign);

    /** Stores a changed campaign if its version is current; returns it with the version incremented. */
    Campaign update(Campaign campaign);
}
