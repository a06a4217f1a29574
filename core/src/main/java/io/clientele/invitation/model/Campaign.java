package io.clientele.invitation.model;

import io.clientele.common.CampaignId;
import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A bulk invitation: a persisted, resumable job. It records the target, the staff's custom subject
 * and message (empty: each client gets the tenant's template in their language), who created it
 * and when, its {@link CampaignState state} with the progress counters, and its position: the id
 * of the last client it considered (targets are walked in client id order), so a resumed run
 * continues where the previous one stopped. The position holds no personal data; the custom
 * message may, and is dropped when a client the target lists by id is erased ({@link
 * #withoutCustomMessage()}).
 *
 * <p>The campaign owns its transitions, each allowed on its source state only: {@link #start()}
 * (created to running), {@link #advance} (running, after a chunk) and {@link #complete} (running
 * to completed). Any other is a {@link ConflictException} with reason {@code ILLEGAL_STATE}: a
 * completed campaign never advances, a running one never starts again. Services call these and
 * never name a status.
 *
 * <p>Immutable and thread-safe; changes return new instances, stored with a version check.
 */
public record Campaign(
        CampaignId id,
        TenantId tenantId,
        CampaignTarget target,
        Optional<InvitationMessage> customMessage,
        String createdBy,
        Instant createdAt,
        CampaignState state,
        long version) {

    public Campaign {
        Validate.notNull("id", id);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("target", target);
        Validate.notNull("customMessage", customMessage);
        Validate.notBlank("createdBy", createdBy);
        Validate.notNull("createdAt", createdAt);
        Validate.notNull("state", state);
    }

    /** A new campaign, not started, whose clients get the tenant's template in their language. */
    public static Campaign create(CampaignId id, TenantId tenant, CampaignTarget target, String createdBy,
            Instant now) {
        return new Campaign(id, tenant, target, Optional.empty(), createdBy, now, new CampaignState.Created(), 0);
    }

    /** A new campaign, not started, whose clients all get the staff's {@code customMessage}. */
    public static Campaign create(CampaignId id, TenantId tenant, CampaignTarget target,
            InvitationMessage customMessage, String createdBy, Instant now) {
        Validate.notNull("customMessage", customMessage);
        return new Campaign(id, tenant, target, Optional.of(customMessage), createdBy, now,
                new CampaignState.Created(), 0);
    }

    /** Where the campaign stands. */
    public CampaignStatus status() {
        return state.status();
    }

    /** The counters so far ({@link CampaignProgress#NONE} until started). */
    public CampaignProgress progress() {
        return state.progress();
    }

    /** The id of the last client considered; empty until a client was. */
    public Optional<ClientId> position() {
        return state.position();
    }

    /** When the campaign completed; empty until it did. */
    public Optional<Instant> completedAt() {
        return state instanceof CampaignState.Completed completed ? Optional.of(completed.completedAt())
                : Optional.empty();
    }

    /** Started: running, nothing considered yet. Only a created campaign starts. */
    public Campaign start() {
        if (state instanceof CampaignState.Created created) {
            return withState(created.start());
        }
        throw refused("start");
    }

    /**
     * Running, after one more chunk: its counters and the id of its last client. Only a running
     * campaign advances, and its counters never go back.
     */
    public Campaign advance(CampaignProgress newProgress, ClientId newPosition) {
        if (state instanceof CampaignState.Running running) {
            return withState(running.advance(newProgress, newPosition));
        }
        throw refused("advance");
    }

    /** Completed at {@code at}, with the progress and position reached. Only a running campaign completes. */
    public Campaign complete(Instant at) {
        Validate.notNull("completedAt", at);
        if (state instanceof CampaignState.Running running) {
            return withState(running.complete(at));
        }
        throw refused("complete");
    }

    /**
     * This campaign without its custom subject and message: the clients it has yet to invite get
     * the tenant's template in their language. Erasure does this to every campaign whose explicit
     * target lists the erased client, since a message written for chosen clients often names them.
     * Allowed in every state (a completed campaign's message goes too).
     */
    public Campaign withoutCustomMessage() {
        return new Campaign(id, tenantId, target, Optional.empty(), createdBy, createdAt, state, version);
    }

    /** This campaign with the stored version (used by repositories). */
    public Campaign withVersion(long newVersion) {
        return new Campaign(id, tenantId, target, customMessage, createdBy, createdAt, state, newVersion);
    }

    private Campaign withState(CampaignState next) {
        return new Campaign(id, tenantId, target, customMessage, createdBy, createdAt, next, version);
    }

    private ConflictException refused(String transition) {
        return ConflictException.illegalState("campaign " + id + " is " + status().name().toLowerCase(Locale.ROOT)
                + "; it cannot " + transition);
    }
}
