package io.clientele.client.model;

/**
 * Where a client stands with their self-service account: {@code ADDED} (never invited),
 * {@code INVITED} (an invitation was sent, no password set yet) or {@code ACCEPTED} (account
 * activated). New clients start {@code ADDED}; only {@link Client#markInvited} and {@link
 * Client#accept} move a client on, and nothing moves a client back.
 */
public enum InvitationStatus {
    /** No invitation has been sent. */
    ADDED,
    /** An invitation was sent; the client has not set a password yet. */
    INVITED,
    /** The client activated their account. */
    ACCEPTED
}
