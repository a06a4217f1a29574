package io.clientele.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link IssuanceLog} must guarantee when issuance jobs run at the same time (several host
 * instances), with the store's real isolation: of simultaneous claims of one period of one
 * membership exactly one returns true, so the period's credits are issued once.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()} with a runner that lets
 * units of work run at the same time (in memory, {@code MemoryTransactions.interleaved()}). Not
 * thread-safe: JUnit makes one instance per test.
 */
public abstract class IssuanceLogConcurrencyContract {

    private static final int ROUNDS = 5;
    private static final int RACERS = 8;

    private IssuanceLog log;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;

    /**
     * The adapter under test and the runner whose units of work it joins, which must let units of
     * work run at the same time; called before each test. The store may hold other tests' claims.
     */
    protected abstract PortUnderTest<IssuanceLog> createAdapter();

    @BeforeEach
    void setUpIssuanceLogConcurrencyContract() {
        PortUnderTest<IssuanceLog> adapter = createAdapter();
        log = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
    }

    @Test
    void of_eight_simultaneous_claims_of_one_period_exactly_one_wins() {
        for (int round = 0; round < ROUNDS; round++) {
            MembershipId membership = new MembershipId(fx.nextId());
            long period = round;
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(() -> tx.inTransaction(() -> log.claim(tenant, membership, period)));
            }

            List<Race.Outcome<Boolean>> outcomes = Race.together(racers);

            assertThat(outcomes).extracting(Race.Outcome::get).containsOnlyOnce(true);
            assertThat(tx.inReadOnlyTransaction(() -> log.claimedPeriods(tenant, membership))).containsExactly(period);
        }
    }
}
