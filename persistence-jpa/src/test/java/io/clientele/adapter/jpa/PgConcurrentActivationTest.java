package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.Race;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Fifty activations of one link on PostgreSQL at once, each on a thread and a connection of its
 * own: the consume is one conditional update, so exactly one wins. The shared test pool is smaller
 * than fifty, so this test opens a pool of its own on the same database. Prints {@code RESULT
 * name=pg-concurrent-activation attempts=<consumes> winners=<consumes that answered true>}.
 */
class PgConcurrentActivationTest {

    private static final int ATTEMPTS = 50;

    @Test
    void of_fifty_simultaneous_consumes_of_one_token_exactly_one_wins() {
        HikariDataSource shared = (HikariDataSource) Databases.postgres();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(shared.getJdbcUrl());
        config.setUsername(shared.getUsername());
        config.setMaximumPoolSize(ATTEMPTS);
        config.setAutoCommit(false);
        try (HikariDataSource pool = new HikariDataSource(config); JpaAdapters jpa = JpaAdapters.create(pool)) {
            TokenRepository tokens = jpa.tokens();
            TransactionRunner tx = jpa.transactions();
            Fixtures fx = Fixtures.standard();
            TenantId tenant = fx.newTenant();
            IssuedToken token = fx.aToken(tenant, fx.newClientId()).build();
            tx.run(() -> tokens.insert(token));
            Instant now = fx.now();
            List<Callable<Boolean>> activations = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                activations.add(() -> tx.inTransaction(() -> tokens.consume(tenant, token.hash(), now)));
            }

            List<Race.Outcome<Boolean>> outcomes = Race.together(activations);

            long winners = outcomes.stream().filter(o -> o.get()).count();
            System.out.println("RESULT name=pg-concurrent-activation attempts=" + outcomes.size()
                    + " winners=" + winners);
            assertThat(outcomes).hasSize(ATTEMPTS);
            assertThat(winners).isEqualTo(1);
            assertThat(tx.inReadOnlyTransaction(() -> tokens.findByHash(tenant, token.hash())).orElseThrow().usedAt())
                    .contains(now);
        }
    }
}
