package io.clientele.invitation.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import java.time.Instant;

/**
 * What a personal link is, without using it (link scanners in mail gateways open links; they must
 * not consume them): {@link Valid}, {@link Expired}, {@link AlreadyUsed} or {@link Unknown}.
 * Immutable and thread-safe.
 */
public sealed interface TokenInspection
        permits TokenInspection.Valid, TokenInspection.Expired, TokenInspection.AlreadyUsed,
        TokenInspection.Unknown {

    /** A live link: the page may ask for a password. */
    record Valid(TenantId tenantId, ClientId clientId, TokenPurpose purpose, Instant expiresAt)
            implements TokenInspection {
    }

    /** The link's lifetime has passed. */
    record Expired(TenantId tenantId, ClientId clientId, TokenPurpose purpose) implements TokenInspection {
    }

    /** The link was used or revoked. */
    record AlreadyUsed() implements TokenInspection {
    }

    /** No such link. */
    record Unknown() implements TokenInspection {
    }
}
