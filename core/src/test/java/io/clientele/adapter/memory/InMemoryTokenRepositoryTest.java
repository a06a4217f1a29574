package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ClientId;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryTokenRepositoryTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String HASH = "a".repeat(64);

    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository(new MemoryTransactions());
    private final ClientId client = new ClientId(UUID.randomUUID());

    @Test
    void a_hash_of_another_tenant_is_unknown_and_left_alone() {
        tokens.insert(token(HASH));

        assertThat(tokens.findByHash(OTHER_TENANT, HASH)).isEmpty();
        assertThat(tokens.consume(OTHER_TENANT, HASH, NOW)).isFalse();
        tokens.revoke(OTHER_TENANT, HASH, NOW);

        IssuedToken stored = tokens.findByHash(TENANT, HASH).orElseThrow();
        assertThat(stored.usedAt()).isEmpty();
        assertThat(stored.revokedAt()).isEmpty();
        assertThat(tokens.consume(TENANT, HASH, NOW)).isTrue();
        assertThat(tokens.findByHash(TENANT, HASH).orElseThrow().usedAt()).contains(NOW);
    }

    @Test
    void revoke_is_scoped_by_the_tenant() {
        tokens.insert(token(HASH));

        tokens.revoke(TENANT, HASH, NOW);

        assertThat(tokens.findByHash(TENANT, HASH).orElseThrow().revokedAt()).contains(NOW);
        assertThat(tokens.consume(TENANT, HASH, NOW)).isFalse();
    }

    @Test
    void the_same_hash_in_two_tenants_is_two_tokens() {
        tokens.insert(token(HASH));
        tokens.insert(new IssuedToken(HASH, OTHER_TENANT, client, TokenPurpose.ACTIVATION, Optional.empty(), NOW,
                NOW.plus(Duration.ofDays(14)), Optional.empty(), Optional.empty()));

        assertThat(tokens.consume(OTHER_TENANT, HASH, NOW)).isTrue();

        assertThat(tokens.findByHash(OTHER_TENANT, HASH).orElseThrow().usedAt()).contains(NOW);
        assertThat(tokens.findByHash(TENANT, HASH).orElseThrow().usedAt()).isEmpty();
        assertThat(tokens.findByHash(TENANT, HASH).orElseThrow().tenantId()).isEqualTo(TENANT);
    }

    // ---- issue 8: indexed like the SQL table, batch forms -------------------------------------

    @Test
    void live_links_come_from_an_index_that_follows_every_write_and_every_rollback() {
        MemoryTransactions tx = new MemoryTransactions();
        InMemoryTokenRepository store = new InMemoryTokenRepository(tx);
        IssuedToken first = issued(store, client, TokenPurpose.ACTIVATION, 0);
        IssuedToken second = issued(store, client, TokenPurpose.ACTIVATION, 1);

        assertThatThrownBy(() -> tx.inTransaction(() -> {
            store.insertAll(List.of(token(hash(7), client, TokenPurpose.ACTIVATION, NOW)));
            store.revoke(TENANT, first.hash(), NOW);
            store.consume(TENANT, second.hash(), NOW);
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.live(TENANT, client, TokenPurpose.ACTIVATION, NOW)).as("as before the rolled-back unit")
                .containsExactly(first, second);

        store.consume(TENANT, second.hash(), NOW);
        assertThat(store.live(TENANT, client, TokenPurpose.ACTIVATION, NOW)).containsExactly(first);
        assertThat(store.live(TENANT, client, TokenPurpose.ACTIVATION, first.expiresAt())).as("expired").isEmpty();
        assertThat(store.live(OTHER_TENANT, client, TokenPurpose.ACTIVATION, NOW)).isEmpty();
        assertThat(store.live(TENANT, client, TokenPurpose.PASSWORD_RESET, NOW)).isEmpty();
        assertThat(store.revokeAll(TENANT, client, NOW)).isEqualTo(1);
        assertThat(store.live(TENANT, client, TokenPurpose.ACTIVATION, NOW)).isEmpty();
        assertThat(store.scans()).as("no call looked at every token").isZero();
    }

    @Test
    void capping_live_links_keeps_the_kept_link_and_the_newest_others_of_each_named_client_only() {
        ClientId other = new ClientId(UUID.randomUUID());
        ClientId untouched = new ClientId(UUID.randomUUID());
        List<IssuedToken> mine = new ArrayList<>();
        List<IssuedToken> others = new ArrayList<>();
        List<IssuedToken> notNamed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mine.add(issued(tokens, client, TokenPurpose.ACTIVATION, i));
            others.add(issued(tokens, other, TokenPurpose.ACTIVATION, 10 + i));
            notNamed.add(issued(tokens, untouched, TokenPurpose.ACTIVATION, 20 + i));
        }
        IssuedToken optOut = issued(tokens, client, TokenPurpose.UNSUBSCRIBE, 30);
        tokens.insert(new IssuedToken(mine.get(0).hash(), OTHER_TENANT, client, TokenPurpose.ACTIVATION,
                Optional.empty(), NOW, NOW.plus(Duration.ofDays(14)), Optional.empty(), Optional.empty()));

        // for the client, the newest link is the one just sent; for the other, the oldest one
        int revoked = tokens.capLive(TENANT, TokenPurpose.ACTIVATION,
                Map.of(client, mine.get(6).hash(), other, others.get(0).hash()), 5, NOW);

        assertThat(revoked).isEqualTo(4);
        assertThat(tokens.live(TENANT, client, TokenPurpose.ACTIVATION, NOW)).extracting(IssuedToken::hash)
                .containsExactly(hashes(mine.subList(2, 7)));
        assertThat(tokens.live(TENANT, other, TokenPurpose.ACTIVATION, NOW)).extracting(IssuedToken::hash)
                .containsExactly(others.get(0).hash(), others.get(3).hash(), others.get(4).hash(),
                        others.get(5).hash(), others.get(6).hash());
        assertThat(tokens.live(TENANT, untouched, TokenPurpose.ACTIVATION, NOW)).hasSize(7);
        assertThat(tokens.live(TENANT, client, TokenPurpose.UNSUBSCRIBE, NOW)).containsExactly(optOut);
        assertThat(tokens.findByHash(OTHER_TENANT, mine.get(0).hash()).orElseThrow().revokedAt()).isEmpty();
        assertThat(tokens.findByHash(TENANT, mine.get(0).hash()).orElseThrow().revokedAt()).contains(NOW);
    }

    @Test
    void revoking_a_batch_of_hashes_revokes_only_the_live_tokens_of_the_tenant() {
        IssuedToken live = issued(tokens, client, TokenPurpose.ACTIVATION, 0);
        IssuedToken used = issued(tokens, client, TokenPurpose.ACTIVATION, 1);
        tokens.consume(TENANT, used.hash(), NOW);
        tokens.insert(new IssuedToken(hash(9), OTHER_TENANT, client, TokenPurpose.ACTIVATION, Optional.empty(), NOW,
                NOW.plus(Duration.ofDays(14)), Optional.empty(), Optional.empty()));

        int revoked = tokens.revoke(TENANT, List.of(live.hash(), used.hash(), hash(9), hash(8)), NOW);

        assertThat(revoked).isEqualTo(1);
        assertThat(tokens.findByHash(TENANT, live.hash()).orElseThrow().revokedAt()).contains(NOW);
        assertThat(tokens.findByHash(TENANT, used.hash()).orElseThrow().revokedAt()).isEmpty();
        assertThat(tokens.findByHash(OTHER_TENANT, hash(9)).orElseThrow().revokedAt()).isEmpty();
    }

    /** A token of the client, issued {@code minutes} after {@link #NOW}, stored in {@code store}. */
    private static IssuedToken issued(InMemoryTokenRepository store, ClientId owner, TokenPurpose purpose,
            int minutes) {
        IssuedToken token = token(hash(minutes), owner, purpose, NOW.plus(Duration.ofMinutes(minutes)));
        store.insertAll(List.of(token));
        return token;
    }

    private static IssuedToken token(String hash, ClientId owner, TokenPurpose purpose, Instant issuedAt) {
        return new IssuedToken(hash, TENANT, owner, purpose, Optional.empty(), issuedAt,
                NOW.plus(Duration.ofDays(14)), Optional.empty(), Optional.empty());
    }

    private static String hash(int n) {
        return String.format("%064x", n + 1);
    }

    private static String[] hashes(List<IssuedToken> list) {
        return list.stream().map(IssuedToken::hash).toArray(String[]::new);
    }

    private IssuedToken token(String hash) {
        return new IssuedToken(hash, TENANT, client, TokenPurpose.ACTIVATION, Optional.empty(), NOW,
                NOW.plus(Duration.ofDays(14)), Optional.empty(), Optional.empty());
    }
}
