package io.clientele.invitation.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;

/**
 * The outcome of using a personal link to set a password: {@link Activated} (the account is
 * active, or the password was reset), {@link Expired} (offer a new link), {@link AlreadyUsed} or
 * {@link Unknown}. Immutable and thread-safe.
 */
public sealed interface ActivationResult
        permits ActivationResult.Activated, ActivationResult.Expired, ActivationResult.AlreadyUsed,
        ActivationResult.Unknown {

    /** The password was set; for an invitation, the client is now {@code ACCEPTED}. */
    record Activated(TenantId tenantId, ClientId clientId, TokenPurpose purpose) implements ActivationResult {
    }

    /**
     * The link's lifetime has passed; {@code purpose} tells the host what to offer instead (a new
     * invitation, or "forgot password").
     */
    record Expired(TenantId tenantId, ClientId clientId, TokenPurpose purpose) implements ActivationResult {
    }

    /** The link was used or revoked (for example by a later acceptance). */
    record AlreadyUsed() implements ActivationResult {
    }

    /** No such link. */
    record Unknown() implements ActivationResult {
    }
}
