package io.clientele.invitation.model;

/** Where a campaign stands. */
public enum CampaignStatus {
    /** Created, not started. */
    CREATED,
    /** Enqueueing; also the state a crashed run is left in, to be resumed. */
    RUNNING,
    /** Every targeted client was considered. */
    COMPLETED
}
