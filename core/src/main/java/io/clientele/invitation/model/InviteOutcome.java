package io.clientele.invitation.model;

import io.clientele.common.ClientId;
import io.clientele.common.Validate;

/**
 * The per-client outcome of an invitation: {@link Enqueued} (a mail will be sent) or {@link
 * Skipped} with the reason. Immutable and thread-safe.
 */
public sealed interface InviteOutcome permits InviteOutcome.Enqueued, InviteOutcome.Skipped {

    /** The client concerned. */
    ClientId clientId();

    /** An invitation mail is in the outbox. */
    record Enqueued(ClientId clientId) implements InviteOutcome {
        public Enqueued {
            Validate.notNull("clientId", clientId);
        }
    }

    /** No mail, for {@code reason}. */
    record Skipped(ClientId clientId, SkipReason reason) implements InviteOutcome {
        public Skipped {
            Validate.notNull("clientId", clientId);
            Validate.notNull("reason", reason);
        }
    }
}
