package io.clientele.invitation.service;

import io.clientele.common.Validate;

/**
 * What one or several dispatch batches did: how many outbox rows were {@code claimed}, and of
 * those how many were {@code sent}, put back for a {@code retried} attempt after a transient
 * failure, {@code failed} for good (permanent failure, attempts exhausted, or the client can no
 * longer receive the mail), {@code cancelled} (withdrawn meanwhile: the client was erased, changed
 * their address or unsubscribed; or a "forgot password" request that matched no client who may be
 * sent a reset mail), or {@code lost} (another dispatcher claimed the row after this one's lease
 * ran out, so this one's marks changed nothing and that one records the row). A row whose results
 * could not be recorded is claimed but in none of the other counts; it comes back after its lease.
 *
 * <p>Immutable and thread-safe.
 */
public record DispatchReport(int claimed, int sent, int retried, int failed, int cancelled, int lost) {

    /** Nothing claimed. */
    public static final DispatchReport EMPTY = new DispatchReport(0, 0, 0, 0, 0, 0);

    public DispatchReport {
        Validate.range("claimed", claimed, 0, Integer.MAX_VALUE);
        Validate.range("sent", sent, 0, Integer.MAX_VALUE);
        Validate.range("retried", retried, 0, Integer.MAX_VALUE);
        Validate.range("failed", failed, 0, Integer.MAX_VALUE);
        Validate.range("cancelled", cancelled, 0, Integer.MAX_VALUE);
        Validate.range("lost", lost, 0, Integer.MAX_VALUE);
    }

    /** A report in which no row was lost to another dispatcher. */
    public DispatchReport(int claimed, int sent, int retried, int failed, int cancelled) {
        this(claimed, sent, retried, failed, cancelled, 0);
    }

    /** The sum of both reports. */
    public DispatchReport plus(DispatchReport other) {
        return new DispatchReport(claimed + other.claimed, sent + other.sent, retried + other.retried,
                failed + other.failed, cancelled + other.cancelled, lost + other.lost);
    }
}
