package io.clientele.consent.model;

/** How a marketing preference reaches the client. */
public enum Channel {
    EMAIL,
    SMS,
    PHONE,
    POST
}
