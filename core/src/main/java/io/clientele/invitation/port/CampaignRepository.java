package io.clientele.invitation.port;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.Campaign;
import java.util.Optional;

/** Stores campaigns. SPI; thread-safe; updates are version-checked (stale: {@code ConflictException}). */
public interface CampaignRepository {

    /** The campaign, if it exists in this tenant. SQL: one {@code SELECT} by the {@code (tenant_id, id)} key. */
    Optional<Campaign> find(TenantId tenant, CampaignId id);

    /**
     * Stores a new campaign. An explicit target's clients go to a {@code campaign_client (tenant_id,
     * client_id, campaign_id)} table (indexed by tenant and client) that {@link
     * #dropCustomMessagesTargeting} uses.
     */
    Campaign insert(Campaign campaign);

    /**
     * Stores a changed campaign (its state, progress and position after a chunk) if its version is
     * current; returns it with the version incremented. A campaign run calls it once per chunk. SQL:
     * one {@code UPDATE campaign SET ..., version = version + 1 WHERE tenant_id = ? AND id = ? AND
     * version = ?}; no row updated is a stale version.
     */
    Campaign update(Campaign campaign);

    /**
     * Erasure's part: drops the custom subject and message ({@link Campaign#withoutCustomMessage()})
     * of every campaign of the tenant whose explicit target lists the client, and increments their
     * versions, so a chunk of a run that read the campaign before cannot write the message back.
     * Joins the caller's unit of work. SQL: one {@code UPDATE campaign SET subject = NULL, message =
     * NULL, version = version + 1 WHERE tenant_id = ? AND id IN (SELECT campaign_id FROM
     * campaign_client WHERE tenant_id = ? AND client_id = ?)}.
     */
    void dropCustomMessagesTargeting(TenantId tenant, ClientId client);
}
