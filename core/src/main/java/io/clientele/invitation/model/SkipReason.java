package io.clientele.invitation.model;

/** Why an invitation is not sent to a client. */
public enum SkipReason {
    /** The client already activated their account. */
    ACCEPTED,
    /** The client unsubscribed from invitations. */
    UNSUBSCRIBED,
    /** The client has no email address. */
    NO_EMAIL,
    /**
     * The client's email address bounced (the mail provider refused it for good); editing the
     * address clears it.
     */
    BOUNCED,
    /** The client was erased. */
    ERASED,
    /** The client was sent an invitation within the resend cooldown. */
    IN_COOLDOWN,
    /** A campaign already holds a mail for this client (re-run or resume). */
    ALREADY_IN_CAMPAIGN
}
