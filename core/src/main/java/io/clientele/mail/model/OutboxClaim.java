package io.clientele.mail.model;

import io.clientele.common.Validate;
import java.util.UUID;

/**
 * The token of one dispatcher's claim on outbox rows: {@code MailOutbox.claimDue} stamps it on
 * every row it claims, and the dispatcher's marks of those rows (sent, retry, failed, cancelled)
 * apply only while the row still carries it. A dispatcher that outlives its lease, and whose rows
 * another dispatcher has claimed meanwhile, therefore changes nothing with its late marks. A SQL
 * outbox keeps it in a {@code claimed_by} column. Each claim gets a new one ({@link
 * io.clientele.common.Ids#next()}).
 *
 * <p>Immutable and thread-safe.
 */
public record OutboxClaim(UUID value) {

    public OutboxClaim {
        Validate.notNull("claim", value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
