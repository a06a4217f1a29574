package io.clientele.adapter.memory;

import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import java.time.Duration;
import java.time.Instant;
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

    private IssuedToken token(String hash) {
        return new IssuedToken(hash, TENANT, client, TokenPurpose.ACTIVATION, Optional.empty(), NOW,
                NOW.plus(Duration.ofDays(14)), Optional.empty(), Optional.empty());
    }
}
