package io.clientele.invitation.model;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import java.time.Instant;
import java.util.Optional;

/**
 * A token as stored: its SHA-256 {@code hash} (never the token), whose client it belongs to, what
 * it allows, an optional {@code category} (for unsubscribe tokens), when it was issued, when it
 * expires, and when it was used or revoked. A token is live while it is neither used, revoked nor
 * expired.
 *
 * <p>Immutable and thread-safe.
 */
public record IssuedToken(
        String hash,
        TenantId tenantId,
        ClientId clientId,
        TokenPurpose purpose,
        Optional<String> category,
        Instant issuedAt,
        Instant expiresAt,
        Optional<Instant> usedAt,
        Optional<Instant> revokedAt) {

    public IssuedToken {
        Validate.notBlank("hash", hash);
        Validate.notNull("tenantId", tenantId);
        Validate.notNull("clientId", clientId);
        Validate.notNull("purpose", purpose);
        Validate.notNull("category", category);
        Validate.notNull("issuedAt", issuedAt);
        Validate.notNull("expiresAt", expiresAt);
        Validate.notNull("usedAt", usedAt);
        Validate.notNull("revokedAt", revokedAt);
    }

    /** True when the token can still be used at {@code now}. */
    public boolean isLive(Instant now) {
        return usedAt.isEmpty() && revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    /** True when the token's lifetime has passed at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
