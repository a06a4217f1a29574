package io.clientele.consent.model;

/** Where a consent decision was recorded. */
public enum ConsentSource {
    /** Staff recorded what the client said. */
    STAFF,
    /** The client, in self-service. */
    CLIENT_SELF_SERVICE,
    /** The one-click unsubscribe link in a mail. */
    UNSUBSCRIBE_LINK,
    /** An import from another system. */
    IMPORT
}
