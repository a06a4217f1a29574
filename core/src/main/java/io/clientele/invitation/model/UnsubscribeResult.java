package io.clientele.invitation.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;

/**
 * The outcome of a one-click unsubscribe link: {@link Unsubscribed} (the client is opted out of
 * invitations; also the answer to every repeated click) or {@link Unknown} (no such live link).
 * Immutable and thread-safe.
 */
public sealed interface UnsubscribeResult permits UnsubscribeResult.Unsubscribed, UnsubscribeResult.Unknown {

    /** The client is opted out of invitation mails. */
    record Unsubscribed(TenantId tenantId, ClientId clientId) implements UnsubscribeResult {
    }

    /** No such link, or it was revoked or has expired. */
    record Unknown() implements UnsubscribeResult {
    }
}
