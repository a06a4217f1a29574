package io.clientele.order.model;

import io.clientele.common.Text;
import io.clientele.common.Validate;
import io.clientele.common.ValidationException;
import java.time.Instant;

/**
 * How an order was cancelled: when, by whom (an actor description), why, and what became of its
 * package credits. {@code creditsRevoked} were still redeemable and were revoked by the
 * cancellation; {@code creditsKept} were not redeemable any more (redeemed for a booking, expired,
 * or revoked earlier) and stay as they were: a booking such a credit paid for is the host's to
 * cancel, and cancelling it then revokes the credit instead of reinstating it (the order is closed).
 *
 * <p>Immutable and thread-safe.
 */
public record Cancellation(Instant at, String by, String reason, int creditsRevoked, int creditsKept) {

    /** The longest reason, in characters. */
    public static final int MAX_REASON_LENGTH = 200;

    public Cancellation {
        Validate.notNull("cancelledAt", at);
        Validate.notBlank("cancelledBy", by);
        reason = reason(reason);
        if (creditsRevoked < 0 || creditsKept < 0) {
            throw new ValidationException("credits", "not_negative", "credit counts cannot be negative");
        }
    }

    /**
     * Checks and normalizes a cancellation reason: one line of 1 to {@value #MAX_REASON_LENGTH}
     * characters, trimmed; field {@code reason}.
     */
    public static String reason(String reason) {
        return Text.singleLine("reason", Validate.notBlank("reason", reason), MAX_REASON_LENGTH);
    }
}
