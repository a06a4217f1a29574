package io.clientele.invitation.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stores issued tokens by their SHA-256 hash; never a raw token. SPI; thread-safe. Every lookup is
 * scoped by the tenant: a hash stored for another tenant behaves exactly like an unknown one (key
 * or filter by tenant id and hash). {@link #consume} must be atomic: of several concurrent calls
 * with the same tenant and hash, exactly one returns true (a conditional update in SQL).
 */
public interface TokenRepository {

    /** Stores a newly issued token. */
    void insert(IssuedToken token);

    /** The tenant's token with this hash; empty if there is none in this tenant. */
    Optional<IssuedToken> findByHash(TenantId tenant, String hash);

    /**
     * Marks the tenant's token with this hash used at {@code now} if it is live then; true exactly
     * when this call did it. A hash of another tenant answers false and changes nothing.
     */
    boolean consume(TenantId tenant, String hash, Instant now);

    /** The client's live tokens of a purpose at {@code now}, oldest issued first. */
    List<IssuedToken> live(TenantId tenant, ClientId client, TokenPurpose purpose, Instant now);

    /**
     * Revokes the tenant's token with this hash; does nothing if it is not live, or not of this
     * tenant.
     */
    void revoke(TenantId tenant, String hash, Instant now);

    /** Revokes every live token of the client (all purposes); returns how many. */
    int revokeAll(TenantId tenant, ClientId client, Instant now);

    /**
     * Revokes every live token of the client whose purpose is one of {@code purposes} (for example
     * every other activation and reset link on acceptance, while unsubscribe links keep working);
     * returns how many.
     */
    int revokeLive(TenantId tenant, ClientId client, Set<TokenPurpose> purposes, Instant now);
}
