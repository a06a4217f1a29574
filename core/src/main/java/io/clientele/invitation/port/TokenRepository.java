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
 * Stores issued tokens by their SHA-256 hash; never a raw token. SPI; thread-safe. {@link
 * #consume} must be atomic: of several concurrent calls with the same hash, exactly one returns
 * true (a conditional update in SQL).
 */
public interface TokenRepository {

    /** Stores a newly issued token. */
    void insert(IssuedToken token);

    /** The token with this hash, in any tenant (the hash is unguessable and carries the tenant). */
    Optional<IssuedToken> findByHash(String hash);

    /**
     * Marks the token used at {@code now} if it is live then; true exactly when this call did it.
     */
    boolean consume(String hash, Instant now);

    /** The client's live tokens of a purpose at {@code now}, oldest issued first. */
    List<IssuedToken> live(TenantId tenant, ClientId client, TokenPurpose purpose, Instant now);

    /** Revokes one token; does nothing if it is not live. */
    void revoke(String hash, Instant now);

    /** Revokes every live token of the client (all purposes); returns how many. */
    int revokeAll(TenantId tenant, ClientId client, Instant now);

    /**
     * Revokes every live token of the client whose purpose is one of {@code purposes} (for example
     * every other activation and reset link on acceptance, while unsubscribe links keep working);
     * returns how many.
     */
    int revokeLive(TenantId tenant, ClientId client, Set<TokenPurpose> purposes, Instant now);
}
