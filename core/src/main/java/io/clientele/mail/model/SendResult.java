package io.clientele.mail.model;

import io.clientele.common.Validate;
import java.util.UUID;

/**
 * What the mail provider said about one message of a batch: {@link Sent}, {@link TransientFailure}
 * (try again later: 4xx, connection trouble) or {@link PermanentFailure} (never retry: 5xx, bad
 * address). Immutable and thread-safe.
 */
public sealed interface SendResult permits SendResult.Sent, SendResult.TransientFailure, SendResult.PermanentFailure {

    /** The outbox message id the result is for. */
    UUID id();

    /** Accepted by the provider. */
    record Sent(UUID id) implements SendResult {
        public Sent {
            Validate.notNull("id", id);
        }
    }

    /** Not sent this time; worth retrying. {@code reason} must not contain personal data. */
    record TransientFailure(UUID id, String reason) implements SendResult {
        public TransientFailure {
            Validate.notNull("id", id);
            Validate.notNull("reason", reason);
        }
    }

    /** Refused for good; the address is flagged. {@code reason} must not contain personal data. */
    record PermanentFailure(UUID id, String reason) implements SendResult {
        public PermanentFailure {
            Validate.notNull("id", id);
            Validate.notNull("reason", reason);
        }
    }
}
