package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.rolledBack;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.MembershipId;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.membership.port.IssuanceLog;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IssuanceLog}: a period of a membership is claimed once per tenant (true
 * the first time only), a rolled-back claim does not count, and the claimed periods are listed in
 * ascending order. Simultaneous claims are {@link IssuanceLogConcurrencyContract}'s.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class IssuanceLogContract {

    private IssuanceLog log;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' claims: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<IssuanceLog> createAdapter();

    @BeforeEach
    void setUpIssuanceLogContract() {
        PortUnderTest<IssuanceLog> adapter = createAdapter();
        log = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
    }

    private boolean claim(TenantId in, MembershipId membership, long period) {
        return tx.inTransaction(() -> log.claim(in, membership, period));
    }

    @Test
    void a_period_is_claimed_once_per_membership_and_tenant() {
        MembershipId membership = new MembershipId(fx.nextId());

        assertThat(claim(tenant, membership, 0)).isTrue();
        assertThat(claim(tenant, membership, 0)).isFalse();
        assertThat(claim(tenant, membership, 1)).isTrue();
        assertThat(claim(tenant, new MembershipId(fx.nextId()), 0)).isTrue();
        assertThat(claim(fx.newTenant(), membership, 0)).as("claims are per tenant").isTrue();
    }

    @Test
    void the_claimed_periods_are_listed_in_ascending_order() {
        MembershipId membership = new MembershipId(fx.nextId());
        for (long period : new long[] {7, 2, 12, 0, 3}) {
            claim(tenant, membership, period);
        }
        claim(tenant, new MembershipId(fx.nextId()), 5);

        assertThat(tx.inReadOnlyTransaction(() -> log.claimedPeriods(tenant, membership)))
                .containsExactly(0L, 2L, 3L, 7L, 12L);
        assertThat(tx.inReadOnlyTransaction(() -> log.claimedPeriods(fx.newTenant(), membership))).isEmpty();
    }

    @Test
    void a_rolled_back_claim_does_not_count() {
        MembershipId membership = new MembershipId(fx.nextId());

        rolledBack(tx, () -> assertThat(log.claim(tenant, membership, 4)).isTrue());

        assertThat(tx.inReadOnlyTransaction(() -> log.claimedPeriods(tenant, membership))).isEmpty();
        assertThat(claim(tenant, membership, 4)).isTrue();
    }
}
