package io.clientele.invitation.model;

/**
 * Where a campaign stands, as a plain value ({@link Campaign#status()}); the transitions live on
 * {@link CampaignState} and {@link Campaign}.
 */
public enum CampaignStatus {
    /** Created, not started. */
    CREATED,
    /** Enqueueing; also the state a crashed run is left in, to be resumed. */
    RUNNING,
    /** Every targeted client was considered. */
    COMPLETED
}
