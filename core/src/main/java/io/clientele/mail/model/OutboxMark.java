package io.clientele.mail.model;

import io.clientele.common.Validate;
import java.time.Instant;
import java.util.UUID;

/**
 * What a dispatcher records for one outbox row it claimed, by the row's {@code id}: handed to
 * {@code MailOutbox.mark} in batches, and applied only to a row that is still pending and still
 * carries the dispatcher's {@link OutboxClaim}.
 *
 * <ul>
 *   <li>{@link Sent}: the mail went out at {@code at}; status {@code SENT}, attempts + 1.
 *   <li>{@link Retry}: a transient failure; status stays {@code PENDING}, attempts + 1, due again
 *       at {@code nextAttemptAt}, {@code error} kept as the last error.
 *   <li>{@link Failed}: given up for good; status {@code FAILED}, attempts + 1, {@code error} kept.
 *   <li>{@link Cancelled}: withdrawn without sending (an erased client, a "forgot password"
 *       request that matched nobody who may have a reset mail); status {@code CANCELLED},
 *       recipient, subject and message blanked, attempts unchanged.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface OutboxMark permits OutboxMark.Sent, OutboxMark.Retry, OutboxMark.Failed,
        OutboxMark.Cancelled {

    /** The outbox row this mark is for. */
    UUID id();

    /** The mail went out at {@code at}. */
    record Sent(UUID id, Instant at) implements OutboxMark {
        public Sent {
            Validate.notNull("id", id);
            Validate.notNull("at", at);
        }
    }

    /** A transient failure: the row is due again at {@code nextAttemptAt}. */
    record Retry(UUID id, Instant nextAttemptAt, String error) implements OutboxMark {
        public Retry {
            Validate.notNull("id", id);
            Validate.notNull("nextAttemptAt", nextAttemptAt);
            Validate.notNull("error", error);
        }
    }

    /** Given up for good, for {@code error}. */
    record Failed(UUID id, String error) implements OutboxMark {
        public Failed {
            Validate.notNull("id", id);
            Validate.notNull("error", error);
        }
    }

    /** Withdrawn without sending; the row's personal data is blanked. */
    record Cancelled(UUID id) implements OutboxMark {
        public Cancelled {
            Validate.notNull("id", id);
        }
    }
}
