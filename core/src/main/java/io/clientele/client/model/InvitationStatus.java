package io.clientele.client.model;

/**
 * Where a client stands with their self-service account: {@code ADDED} (never invited),
 * {@code INVITED} (an invitation was sent, no password set yet) or {@code ACCEPTED} (account
 * activated). New clients start {@code ADDED}.
 */
public enum InvitationStatus {
    /** No invitation has been sent. */
    ADDED,
    /** An invitation was sent; the client has not set a password yet. */
    INVITED,
    /** The client activated their account. */
    ACCEPTED;

    /**
     * True for the transitions the invitation state machine allows: {@code ADDED -> INVITED},
     * {@code INVITED -> INVITED} (a resend), {@code INVITED -> ACCEPTED}. An accepted client is never
     * invited again.
     */
    public boolean canBecome(InvitationStatus next) {
        return switch (this) {
            case ADDED -> next == INVITED;
            case INVITED -> next == INVITED || next == ACCEPTED;
            case ACCEPTED -> false;
        };
    }
}
