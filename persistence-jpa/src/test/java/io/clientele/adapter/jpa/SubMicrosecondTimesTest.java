package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The instant an adapter compares with a stored time is cut down to microseconds, not rounded as
 * PostgreSQL's driver rounds it ({@link SqlTimes}): one nanosecond before a stored expiry is still
 * before it, as in memory. The credit store has its own proof in core's suite on PostgreSQL.
 */
class SubMicrosecondTimesTest {

    private final Fixtures fx = Fixtures.standard();

    @Test
    void a_link_is_consumed_one_nanosecond_before_its_expiry_on_postgresql() {
        JpaAdapters jpa = Databases.postgresAdapters();
        TokenRepository tokens = jpa.tokens();
        TransactionRunner tx = jpa.transactions();
        TenantId tenant = fx.newTenant();
        ClientId ana = fx.newClientId();
        IssuedToken token = fx.aToken(tenant, ana).validFor(Duration.ofHours(1)).build();
        tx.run(() -> tokens.insertAll(List.of(token)));
        Instant justBefore = token.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS).minusNanos(1);

        boolean consumed = tx.inTransaction(() -> tokens.consume(tenant, token.hash(), justBefore));

        assertThat(consumed).as("the driver would round %s up onto the expiry", justBefore).isTrue();
    }

    @Test
    void a_link_is_not_consumed_at_its_expiry_on_postgresql() {
        JpaAdapters jpa = Databases.postgresAdapters();
        TokenRepository tokens = jpa.tokens();
        TransactionRunner tx = jpa.transactions();
        TenantId tenant = fx.newTenant();
        IssuedToken token = fx.aToken(tenant, fx.newClientId()).validFor(Duration.ofHours(1)).build();
        tx.run(() -> tokens.insertAll(List.of(token)));
        Instant expiry = token.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

        assertThat(tx.inTransaction(() -> tokens.consume(tenant, token.hash(), expiry))).isFalse();
    }
}
