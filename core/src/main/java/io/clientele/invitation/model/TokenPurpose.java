package io.clientele.invitation.model;

/** What a personal link's token allows. */
public enum TokenPurpose {
    /** Activate a self-service account (set the first password). Default lifetime 14 days. */
    ACTIVATION,
    /** Set a new password. Default lifetime 1 hour. */
    PASSWORD_RESET,
    /** Unsubscribe from a communication category in one click. */
    UNSUBSCRIBE
}
