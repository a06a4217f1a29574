package io.clientele.adapter.memory;

import io.clientele.common.ClientId;
import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.Validate;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.TokenRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link TokenRepository}: hashes only, keyed by tenant and hash, so a hash of another
 * tenant is unknown; {@link #consume} is atomic. Indexed like the SQL table: the primary key
 * (tenant, hash) serves look-ups, consume and revoke by hash, and an index of the tokens neither
 * used nor revoked per (tenant, client, purpose) serves everything per client, so no call scans
 * other clients' tokens. Writes, and the index, roll back with a failed unit of work.
 * Thread-safe.
 */
public final class InMemoryTokenRepository implements TokenRepository, InspectableStore {

    private static final Comparator<IssuedToken> OLDEST_FIRST =
            Comparator.comparing(IssuedToken::issuedAt).thenComparing(IssuedToken::hash);

    /** The unused, unrevoked tokens of each client and purpose (expired ones included). */
    private final ConcurrentHashMap<ClientPurpose, Set<Key>> open = new ConcurrentHashMap<>();
    private final IndexedMap<Key, IssuedToken> tokens;

    public InMemoryTokenRepository(MemoryTransactions tx) {
        this.tokens = new IndexedMap<>(tx, List.of(new OpenTokens()));
    }

    @Override
    public synchronized void insert(IssuedToken token) {
        insertAll(List.of(token));
    }

    /**
     * Checks every key first, so that a hash stored already, or named twice, stores nothing: the
     * primary key (tenant, hash) refuses it, and a used or revoked token is never made live again.
     */
    @Override
    public synchronized void insertAll(List<IssuedToken> batch) {
        Validate.notNull("tokens", batch);
        Set<Key> keys = new HashSet<>();
        for (IssuedToken token : batch) {
            if (!keys.add(Key.of(token)) || tokens.get(Key.of(token)).isPresent()) {
                throw ConflictException.duplicate("hash", "a token with this hash exists in the tenant");
            }
        }
        for (IssuedToken token : batch) {
            tokens.put(Key.of(token), token);
        }
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
        Set<Key> keys = open.get(new ClientPurpose(tenant, client, purpose));
        if (keys == null) {
            return List.of();
        }
        List<IssuedToken> live = new ArrayList<>(keys.size());
        for (Key key : keys) {
            // the index set is read without a lock: check the stored token itself
            tokens.get(key).filter(t -> t.isLive(now)).ifPresent(live::add);
        }
        live.sort(OLDEST_FIRST);
        return live;
    }

    @Override
    public synchronized int capLive(TenantId tenant, TokenPurpose purpose, Map<ClientId, String> keep, int max,
            Instant now) {
        Validate.range("max", max, 1, Integer.MAX_VALUE);
        int revoked = 0;
        for (Map.Entry<ClientId, String> kept : keep.entrySet()) {
            List<IssuedToken> others = live(tenant, kept.getKey(), purpose, now).stream()
                    .filter(t -> !t.hash().equals(kept.getValue()))
                    .toList();
            int excess = others.size() - (max - 1);
            for (int i = 0; i < excess; i++) {
                tokens.put(Key.of(others.get(i)), revoked(others.get(i), now));
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public synchronized void revoke(TenantId tenant, String hash, Instant now) {
        Key key = new Key(tenant, hash);
        tokens.get(key).filter(t -> t.isLive(now)).ifPresent(t -> tokens.put(key, revoked(t, now)));
    }

    @Override
    public synchronized int revoke(TenantId tenant, Collection<String> hashes, Instant now) {
        int revoked = 0;
        for (String hash : hashes) {
            Key key = new Key(tenant, hash);
            Optional<IssuedToken> live = tokens.get(key).filter(t -> t.isLive(now));
            if (live.isPresent()) {
                tokens.put(key, revoked(live.get(), now));
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public synchronized int revokeAll(TenantId tenant, ClientId client, Instant now) {
        return revokeLive(tenant, client, Set.of(TokenPurpose.values()), now);
    }

    @Override
    public synchronized int revokeLive(TenantId tenant, ClientId client, Set<TokenPurpose> purposes, Instant now) {
        int revoked = 0;
        for (TokenPurpose purpose : purposes) {
            for (IssuedToken t : live(tenant, client, purpose, now)) {
                tokens.put(Key.of(t), revoked(t, now));
                revoked++;
            }
        }
        return revoked;
    }

    /** A token's key: its tenant, then its hash. */
    private record Key(TenantId tenant, String hash) {

        static Key of(IssuedToken token) {
            return new Key(token.tenantId(), token.hash());
        }
    }

    /** The key of the index of open tokens: (tenant, client, purpose). */
    private record ClientPurpose(TenantId tenant, ClientId client, TokenPurpose purpose) {

        static ClientPurpose of(IssuedToken token) {
            return new ClientPurpose(token.tenantId(), token.clientId(), token.purpose());
        }
    }

    /** Keeps {@link #open}: a token is in it while it is neither used nor revoked. */
    private final class OpenTokens implements IndexedMap.Index<Key, IssuedToken> {

        @Override
        public void add(Key key, IssuedToken token) {
            if (token.usedAt().isEmpty() && token.revokedAt().isEmpty()) {
                open.compute(ClientPurpose.of(token), (k, keys) -> {
                    Set<Key> kept = keys == null ? ConcurrentHashMap.newKeySet() : keys;
                    kept.add(key);
                    return kept;
                });
            }
        }

        @Override
        public void remove(Key key, IssuedToken token) {
            open.computeIfPresent(ClientPurpose.of(token), (k, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    private static IssuedToken revoked(IssuedToken t, Instant now) {
        return new IssuedToken(t.hash(), t.tenantId(), t.clientId(), t.purpose(), t.category(), t.issuedAt(),
                t.expiresAt(), t.usedAt(), Optional.of(now));
    }

    /** How many times a call scanned every token so far (none does); for tests. */
    long scans() {
        return tokens.scans();
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
