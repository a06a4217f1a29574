package io.clientele.invitation.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A bulk invitation: a persisted, resumable job. It records the target, the staff's custom subject
 * and message (empty: each client gets the tenant's template in their language), who created it
 * and when, its status, its progress counters, and its position: the id of the last client it
 * considered (targets are walked in client id order), so a resumed run continues where the
 * previous one stopped. The position holds no personal data; the custom message may, and is
 * dropped when a client the target lists by id is erased ({@link #withoutCustomMessage()}).
 *
 * <p>Immutable and thread-safe; changes return new instances, stored with a version check.
 */
public record Campaign(
        UUID id,
        TenantId tenantId,
        CampaignTarget target,
        Optional<InvitationMessage> customMessage,
        String createdBy,
        Instant createdAt,
        CampaignStatus status,
        CampaignProgress progress,
        Optional<ClientId> position,
        Optional<Instant> completedAt,
        long version) {

    public Campaign {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("target", target);
        Validate.notNull("customMessage", customMessage);
        Validate.notBlank("createdBy", createdBy);
        Validate.notNull("createdAt", createdAt);
        Validate.notNull("status", status);
        Validate.notNull("progress", progress);
        Validate.notNull("position", position);
        Validate.notNull("completedAt", completedAt);
    }

    /** A new campaign, not started. */
    public static Campaign create(UUID id, TenantId tenant, CampaignTarget target,
            Optional<InvitationMessage> customMessage, String createdBy, Instant now) {
        return new Campaign(id, tenant, target, customMessage, createdBy, now, CampaignStatus.CREATED,
                CampaignProgress.NONE, Optional.empty(), Optional.empty(), 0);
    }

    /** Running, with progress and position after a chunk. */
    public Campaign advanced(CampaignProgress newProgress, Optional<ClientId> newPosition) {
        return new Campaign(id, tenantId, target, customMessage, createdBy, createdAt, CampaignStatus.RUNNING,
                newProgress, newPosition, completedAt, version);
    }

    /** Completed at {@code now}. */
    public Campaign completed(Instant now) {
        return new Campaign(id, tenantId, target, customMessage, createdBy, createdAt, CampaignStatus.COMPLETED,
                progress, position, Optional.of(now), version);
    }

    /**
     * This campaign without its custom subject and message: the clients it has yet to invite get
     * the tenant's template in their language. Erasure does this to every campaign whose explicit
     * target lists the erased client, since a message written for chosen clients often names them.
     */
    public Campaign withoutCustomMessage() {
        return new Campaign(id, tenantId, target, Optional.empty(), createdBy, createdAt, status, progress, position,
                completedAt, version);
    }

    /** This campaign with the stored version (used by repositories). */
    public Campaign withVersion(long newVersion) {
        return new Campaign(id, tenantId, target, customMessage, createdBy, createdAt, status, progress, position,
                completedAt, newVersion);
    }
}
