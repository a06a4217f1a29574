package io.clientele.mail.model;

import io.clientele.common.Validate;
import java.time.Instant;

/**
 * A client's recent mail of one kind, as the resend cooldown needs it: when such a mail was last
 * enqueued (cancelled ones aside) and whether one is still pending (not yet sent, failed or
 * cancelled). A client without such a mail has no activity at all. Immutable and thread-safe.
 */
public record MailActivity(Instant lastEnqueuedAt, boolean pending) {

    public MailActivity {
        Validate.notNull("lastEnqueuedAt", lastEnqueuedAt);
    }
}
