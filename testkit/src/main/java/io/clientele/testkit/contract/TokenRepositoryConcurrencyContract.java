package io.clientele.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.IssuedToken;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.Race;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link TokenRepository} must guarantee when units of work run at the same time, with the
 * store's real isolation: of several simultaneous consumes of one token exactly one returns true
 * (the single-use link), and a consume racing a revocation leaves the token used or revoked, never
 * both and never neither.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()} with a runner that lets
 * units of work run at the same time (in memory, {@code MemoryTransactions.interleaved()}). Not
 * thread-safe: JUnit makes one instance per test.
 */
public abstract class TokenRepositoryConcurrencyContract {

    private static final int ROUNDS = 5;
    private static final int RACERS = 8;

    private TokenRepository tokens;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;

    /**
     * The adapter under test and the runner whose units of work it joins, which must let units of
     * work run at the same time; called before each test. The store may hold other tests' tokens.
     */
    protected abstract PortUnderTest<TokenRepository> createAdapter();

    @BeforeEach
    void setUpTokenRepositoryConcurrencyContract() {
        PortUnderTest<TokenRepository> adapter = createAdapter();
        tokens = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
    }

    private IssuedToken insert(IssuedToken token) {
        tx.run(() -> tokens.insert(token));
        return token;
    }

    @Test
    void of_eight_simultaneous_consumes_of_one_token_exactly_one_wins() {
        for (int round = 0; round < ROUNDS; round++) {
            IssuedToken token = insert(fx.aToken(tenant, fx.newClientId()).build());
            Instant now = fx.now();
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(() -> tx.inTransaction(() -> tokens.consume(tenant, token.hash(), now)));
            }

            List<Race.Outcome<Boolean>> outcomes = Race.together(racers);

            assertThat(outcomes).extracting(Race.Outcome::get).containsOnlyOnce(true);
            assertThat(tx.inReadOnlyTransaction(() -> tokens.findByHash(tenant, token.hash())).orElseThrow()
                    .usedAt()).contains(now);
        }
    }

    @Test
    void a_consume_racing_a_revocation_leaves_the_token_used_or_revoked_never_both() {
        for (int round = 0; round < ROUNDS; round++) {
            IssuedToken token = insert(fx.aToken(tenant, fx.newClientId()).build());
            Instant now = fx.now();

            List<Race.Outcome<Boolean>> outcomes = Race.together(List.of(
                    () -> tx.inTransaction(() -> tokens.consume(tenant, token.hash(), now)),
                    () -> tx.inTransaction(() -> tokens.revoke(tenant, List.of(token.hash()), now) == 1)));

            IssuedToken stored = tx.inReadOnlyTransaction(() -> tokens.findByHash(tenant, token.hash()))
                    .orElseThrow();
            boolean consumed = outcomes.get(0).get();
            boolean revoked = outcomes.get(1).get();
            assertThat(consumed).as("exactly one of consume and revoke took effect").isNotEqualTo(revoked);
            assertThat(stored.usedAt().isPresent()).isEqualTo(consumed);
            assertThat(stored.revokedAt().isPresent()).isEqualTo(revoked);
        }
    }
}
