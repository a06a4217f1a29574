package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.TokenRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory {@link TokenRepository}: hashes only, keyed by tenant and hash, so a hash of another
 * tenant is unknown; {@link #consume} is atomic. Thread-safe.
 */
public final class InMemoryTokenRepository implements TokenRepository, InspectableStore {

    private final VersionedMap<Key, IssuedToken> tokens;

    public InMemoryTokenRepository(MemoryTransactions tx) {
        this.tokens = new VersionedMap<>(tx);
    }

    @Override
    public synchronized void insert(IssuedToken token) {
        tokens.put(Key.of(token), token);
    }

    @Override
    public Optional<IssuedToken> findByHash(TenantId tenant, String hash) {
        return tokens.get(new Key(tenant, hash));
    }

    @Override
    public synchronized boolean consume(TenantId tenant, String hash, Instant now) {
        Key key = new Key(tenant, hash);
        Optional<IssuedToken> token = tokens.get(key).filter(t -> t.isLive(now));
        token.ifPresent(t -> tokens.put(key, new IssuedToken(t.hash(), t.tenantId(), t.clientId(), t.purpose(),
                t.category(), t.issuedAt(), t.expiresAt(), Optional.of(now), t.revokedAt())));
        return token.isPresent();
    }

    @Override
    public List<IssuedToken> live(TenantId tenant, ClientId client, TokenPurpose purpose, Instant now) {
        return tokens.values(t -> t.tenantId().equals(tenant) && t.clientId().equals(client) && t.purpose() == purpose
                        && t.isLive(now)).stream()
                .sorted(Comparator.comparing(IssuedToken::issuedAt).thenComparing(IssuedToken::hash)).toList();
    }

    @Override
    public synchronized void revoke(TenantId tenant, String hash, Instant now) {
        Key key = new Key(tenant, hash);
        tokens.get(key).filter(t -> t.isLive(now)).ifPresent(t -> tokens.put(key, revoked(t, now)));
    }

    @Override
    public synchronized int revokeAll(TenantId tenant, ClientId client, Instant now) {
        List<IssuedToken> live = tokens.values(t -> t.tenantId().equals(tenant) && t.clientId().equals(client)
                && t.isLive(now));
        live.forEach(t -> tokens.put(Key.of(t), revoked(t, now)));
        return live.size();
    }

    @Override
    public synchronized int revokeLive(TenantId tenant, ClientId client, Set<TokenPurpose> purposes, Instant now) {
        List<IssuedToken> live = tokens.values(t -> t.tenantId().equals(tenant) && t.clientId().equals(client)
                && purposes.contains(t.purpose()) && t.isLive(now));
        live.forEach(t -> tokens.put(Key.of(t), revoked(t, now)));
        return live.size();
    }

    /** A token's key: its tenant, then its hash. */
    private record Key(TenantId tenant, String hash) {

        static Key of(IssuedToken token) {
            return new Key(token.tenantId(), token.hash());
        }
    }

    private static IssuedToken revoked(IssuedToken t, Instant now) {
        return new IssuedToken(t.hash(), t.tenantId(), t.clientId(), t.purpose(), t.category(), t.issuedAt(),
                t.expiresAt(), t.usedAt(), Optional.of(now));
    }

    @Override
    public String storeName() {
        return "tokens";
    }

    @Override
    public List<Object> contents() {
        return tokens.contents();
    }
}
