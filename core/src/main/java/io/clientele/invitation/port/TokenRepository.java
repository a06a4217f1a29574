package io.clientele.invitation.port;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * Stores newly issued tokens, of any clients and tenants, all or none. SQL: one batched {@code
     * INSERT} (a multi-row insert or a JDBC batch).
     */
    void insertAll(List<IssuedToken> tokens);

    /** The tenant's token with this hash; empty if there is none in this tenant. */
    Optional<IssuedToken> findByHash(TenantId tenant, String hash);

    /**
     * Marks the tenant's token with this hash used at {@code now} if it is live then; true exactly
     * when this call did it. A hash of another tenant answers false and changes nothing.
     */
    boolean consume(TenantId tenant, String hash, Instant now);

    /**
     * The client's live tokens of a purpose at {@code now}, oldest issued first. SQL: an index on
     * (tenant, client, purpose) over tokens neither used nor revoked, expiry filtered.
     */
    List<IssuedToken> live(TenantId tenant, ClientId client, TokenPurpose purpose, Instant now);

    /**
     * Caps live links of many clients at once: for each client in {@code keep}, revokes the
     * client's live tokens of {@code purpose} other than the hash {@code keep} names for it (the
     * link just sent, never revoked here), all but the newest {@code max - 1} of them (the oldest
     * issued go first, then by hash), so at most {@code max} stay live with the kept one among
     * them; returns how many it revoked. {@code max} is at least 1. SQL: one {@code UPDATE token
     * SET revoked_at = ? WHERE (tenant_id, hash) IN (SELECT tenant_id, hash FROM (SELECT ...,
     * row_number() OVER (PARTITION BY client_id ORDER BY issued_at DESC, hash DESC) AS n FROM token
     * JOIN (VALUES ...) k(client_id, kept) USING (client_id) WHERE tenant_id = ? AND purpose = ? AND
     * hash <> kept AND <live>) WHERE n >= ?)}, by the (tenant, client, purpose) index.
     */
    int capLive(TenantId tenant, TokenPurpose purpose, Map<ClientId, String> keep, int max, Instant now);

    /**
     * Revokes the tenant's token with this hash; does nothing if it is not live, or not of this
     * tenant.
     */
    void revoke(TenantId tenant, String hash, Instant now);

    /**
     * Revokes the tenant's live tokens among these hashes; hashes not live, unknown, or of another
     * tenant are left as they are; returns how many it revoked. SQL: one {@code UPDATE ... WHERE
     * tenant_id = ? AND hash = ANY(?) AND <live>}, by primary key.
     */
    int revoke(TenantId tenant, Collection<String> hashes, Instant now);

    /** Revokes every live token of the client (all purposes); returns how many. */
    int revokeAll(TenantId tenant, ClientId client, Instant now);

    /**
     * Revokes every live token of the client whose purpose is one of {@code purposes} (for example
     * every other activation and reset link on acceptance, while unsubscribe links keep working);
     * returns how many.
     */
    int revokeLive(TenantId tenant, ClientId client, Set<TokenPurpose> purposes, Instant now);
}
