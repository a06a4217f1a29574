package io.clientele.mail.model;

/** Where an outbox message stands. */
public enum OutboxStatus {
    /** Waiting to be sent (first attempt or a retry after a transient failure). */
    PENDING,
    /** Handed to the mail provider. */
    SENT,
    /** Given up: a permanent failure, or too many transient ones. */
    FAILED,
    /** Withdrawn before sending (the client was erased or unsubscribed). */
    CANCELLED
}
