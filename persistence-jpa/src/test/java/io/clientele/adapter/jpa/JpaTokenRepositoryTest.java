package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.model.TokenPurpose;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the JPA token repository does beyond the contract, on PostgreSQL and H2 alike: the cap of
 * live links reads a snapshot to rank them, so its update must re-check that a token is still live
 * once it holds the row, or a link consumed meanwhile would end up used and revoked at once.
 */
class JpaTokenRepositoryTest {

    static Stream<String> databases() {
        return Stream.of("postgres", "h2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_cap_waiting_for_a_consume_never_revokes_the_link_just_used(String database) {
        JpaAdapters jpa = database.equals("postgres") ? Databases.postgresAdapters() : Databases.h2Adapters();
        LockProbe probe = database.equals("postgres") ? LockProbes.postgres() : LockProbes.h2();
        TokenRepository tokens = jpa.tokens();
        TransactionRunner tx = jpa.transactions();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        ClientId ana = fx.newClientId();
        IssuedToken older = fx.aToken(tenant, ana).build();
        fx.advance(Duration.ofMinutes(1));
        IssuedToken kept = fx.aToken(tenant, ana).build();
        tx.run(() -> tokens.insertAll(List.of(older, kept)));
        Instant now = fx.advance(Duration.ofMinutes(1));

        Race.Sequence<Boolean, Integer> race = Race.holdAndWait(probe,
                holds -> () -> tx.inTransaction(() -> {
                    boolean consumed = tokens.consume(tenant, older.hash(), now);
                    holds.run();
                    return consumed;
                }),
                () -> tx.inTransaction(() -> tokens.capLive(tenant, TokenPurpose.ACTIVATION,
                        Map.of(ana, kept.hash()), 1, now)));

        assertThat(race.holder().get()).isTrue();
        assertThat(race.waiter().get()).as("links the cap revoked").isZero();
        IssuedToken stored = tx.inReadOnlyTransaction(() -> tokens.findByHash(tenant, older.hash())).orElseThrow();
        assertThat(stored.usedAt()).contains(now);
        assertThat(stored.revokedAt()).isEmpty();
    }
}
