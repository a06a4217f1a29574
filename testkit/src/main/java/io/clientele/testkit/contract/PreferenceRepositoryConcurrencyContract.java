package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.oneWins;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.LockProbe;
import io.clientele.testkit.PortUnderTest;
import io.clientele.testkit.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link PreferenceRepository} must guarantee when units of work run at the same time, with
 * the store's real isolation: simultaneous first uses of a built-in category all get the one
 * preference stored and none fails; a first use waits for another unit of work's insert of the key
 * that has not ended, then gets that preference if it committed and stores its own if it rolled
 * back; of two rewordings of one version, one is stored and the other is {@code STALE_VERSION}.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()} with a runner that lets
 * units of work run at the same time (in memory, {@code MemoryTransactions.interleaved()}), and
 * {@link #lockProbe()}. Not thread-safe: JUnit makes one instance per test.
 */
public abstract class PreferenceRepositoryConcurrencyContract {

    private static final int ROUNDS = 5;
    private static final int RACERS = 4;

    private PreferenceRepository preferences;
    private TransactionRunner tx;
    private LockProbe probe;
    private Fixtures fx;

    /**
     * The adapter under test and the runner whose units of work it joins, which must let units of
     * work run at the same time; called before each test. The store may hold other tests' preferences.
     */
    protected abstract PortUnderTest<PreferenceRepository> createAdapter();

    /**
     * Tells when a thread waits for another unit of work's insert of a key (SQL: the unique
     * index's wait, which shows as a lock not granted); called before each test, after {@link
     * #createAdapter()}.
     */
    protected abstract LockProbe lockProbe();

    @BeforeEach
    void setUpPreferenceRepositoryConcurrencyContract() {
        PortUnderTest<PreferenceRepository> adapter = createAdapter();
        preferences = adapter.port();
        tx = adapter.transactions();
        probe = lockProbe();
        fx = Fixtures.standard();
    }

    private MarketingPreference invitations(TenantId tenant) {
        return MarketingPreference.invitations(new PreferenceId(fx.nextId()), tenant);
    }

    @Test
    void simultaneous_first_uses_of_a_built_in_category_all_get_the_one_stored() {
        for (int round = 0; round < ROUNDS; round++) {
            TenantId tenant = fx.newTenant();
            List<Callable<MarketingPreference>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                MarketingPreference candidate = invitations(tenant);
                racers.add(() -> tx.inTransaction(() -> preferences.insertIfAbsent(candidate)));
            }

            List<MarketingPreference> answers = Race.together(racers).stream().map(Race.Outcome::get).toList();

            List<MarketingPreference> stored = tx.inReadOnlyTransaction(() -> preferences.list(tenant));
            assertThat(stored).hasSize(1);
            assertThat(answers).containsOnly(stored.get(0));
        }
    }

    @Test
    void a_first_use_waits_for_an_uncommitted_insert_of_the_key_and_gets_it_once_committed() {
        TenantId tenant = fx.newTenant();
        MarketingPreference first = invitations(tenant);
        MarketingPreference second = invitations(tenant);

        Race.Sequence<MarketingPreference, MarketingPreference> run = Race.holdAndWait(probe,
                holding -> () -> tx.inTransaction(() -> {
                    MarketingPreference stored = preferences.insertIfAbsent(first);
                    holding.run();
                    return stored;
                }),
                () -> tx.inTransaction(() -> preferences.insertIfAbsent(second)));

        assertThat(run.holder().get()).isEqualTo(first);
        assertThat(run.waiter().get()).isEqualTo(first);
        assertThat(tx.inReadOnlyTransaction(() -> preferences.list(tenant))).containsExactly(first);
    }

    @Test
    void a_first_use_waits_for_an_uncommitted_insert_of_the_key_and_stores_its_own_once_that_rolled_back() {
        TenantId tenant = fx.newTenant();
        MarketingPreference first = invitations(tenant);
        MarketingPreference second = invitations(tenant);

        Race.Sequence<MarketingPreference, MarketingPreference> run = Race.holdAndWait(probe,
                holding -> () -> tx.inTransaction(() -> {
                    preferences.insertIfAbsent(first);
                    holding.run();
                    throw new Expect.RolledBack();
                }),
                () -> tx.inTransaction(() -> preferences.insertIfAbsent(second)));

        assertThat(run.holder().thrown()).containsInstanceOf(Expect.RolledBack.class);
        assertThat(run.waiter().get()).isEqualTo(second);
        assertThat(tx.inReadOnlyTransaction(() -> preferences.list(tenant))).containsExactly(second);
    }

    @Test
    void of_two_rewordings_of_one_version_at_once_one_is_stored_and_the_other_is_stale() {
        for (int round = 0; round < ROUNDS; round++) {
            MarketingPreference news = fx.preference(fx.newTenant(), "newsletter");
            tx.run(() -> preferences.save(news));
            List<MarketingPreference> rewordings = new ArrayList<>();
            for (String wording : List.of("Our news, monthly.", "Our news, weekly.")) {
                rewordings.add(new MarketingPreference(news.id(), news.tenantId(), news.key(), news.name(), wording, 2,
                        news.channel()));
            }

            int winner = oneWins(Race.together(List.of(
                    () -> tx.inTransaction(() -> {
                        preferences.save(rewordings.get(0));
                        return Boolean.TRUE;
                    }),
                    () -> tx.inTransaction(() -> {
                        preferences.save(rewordings.get(1));
                        return Boolean.TRUE;
                    }))), ConflictException.Reason.STALE_VERSION);

            assertThat(tx.inReadOnlyTransaction(() -> preferences.find(news.tenantId(), news.id())))
                    .contains(rewordings.get(winner));
        }
    }
}
