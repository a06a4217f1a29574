package io.clientele.testkit.contract;

import static io.clientele.testkit.contract.Expect.duplicate;
import static io.clientele.testkit.contract.Expect.rolledBack;
import static io.clientele.testkit.contract.Expect.stale;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.TenantId;
import io.clientele.common.TransactionRunner;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceId;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.Fixtures;
import io.clientele.testkit.PortUnderTest;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PreferenceRepository}: preferences are found by id and by key in their
 * tenant only and listed by key; keys are unique per tenant ({@code DUPLICATE}); a save replaces
 * a stored preference only with its next wording version ({@code STALE_VERSION} otherwise);
 * {@code insertIfAbsent} stores a preference or answers, unchanged, the one stored under its key; a
 * rolled-back unit of work leaves nothing. Concurrent first uses are {@link
 * PreferenceRepositoryConcurrencyContract}'s.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createAdapter()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class PreferenceRepositoryContract {

    private PreferenceRepository preferences;
    private TransactionRunner tx;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;

    /**
     * The adapter under test and the runner whose units of work it joins, called before each test.
     * The store may hold other tests' preferences: every test uses tenants of its own.
     */
    protected abstract PortUnderTest<PreferenceRepository> createAdapter();

    @BeforeEach
    void setUpPreferenceRepositoryContract() {
        PortUnderTest<PreferenceRepository> adapter = createAdapter();
        preferences = adapter.port();
        tx = adapter.transactions();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
    }

    private MarketingPreference save(MarketingPreference preference) {
        tx.run(() -> preferences.save(preference));
        return preference;
    }

    private <T> T read(Supplier<T> work) {
        return tx.inReadOnlyTransaction(work);
    }

    private Optional<MarketingPreference> find(TenantId in, PreferenceId id) {
        return read(() -> preferences.find(in, id));
    }

    private static MarketingPreference reworded(MarketingPreference p, int version) {
        return new MarketingPreference(p.id(), p.tenantId(), p.key(), p.name(), p.wording() + " (v" + version + ")",
                version, p.channel());
    }

    @Test
    void a_new_preference_is_found_by_id_and_by_key_in_its_tenant_only() {
        MarketingPreference news = save(fx.preference(tenant, "newsletter"));

        assertThat(find(tenant, news.id())).contains(news);
        assertThat(read(() -> preferences.findByKey(tenant, "newsletter"))).contains(news);
        assertThat(find(otherTenant, news.id())).isEmpty();
        assertThat(read(() -> preferences.findByKey(otherTenant, "newsletter"))).isEmpty();
        assertThat(read(() -> preferences.findByKey(tenant, "offers"))).isEmpty();
    }

    @Test
    void keys_are_unique_per_tenant() {
        MarketingPreference news = save(fx.preference(tenant, "newsletter"));
        MarketingPreference twin = fx.preference(tenant, "newsletter");

        duplicate(() -> save(twin));

        assertThat(find(tenant, twin.id())).isEmpty();
        assertThat(read(() -> preferences.findByKey(tenant, "newsletter"))).contains(news);
        MarketingPreference elsewhere = save(fx.preference(otherTenant, "newsletter"));
        assertThat(read(() -> preferences.findByKey(otherTenant, "newsletter"))).contains(elsewhere);
    }

    @Test
    void a_rewording_replaces_the_stored_preference_only_with_its_next_version() {
        MarketingPreference news = save(fx.preference(tenant, "newsletter"));
        MarketingPreference second = reworded(news, 2);

        save(second);
        stale(() -> save(reworded(news, 2)));
        stale(() -> save(reworded(news, 4)));
        stale(() -> save(news));

        assertThat(find(tenant, news.id())).contains(second);
        MarketingPreference third = save(reworded(news, 3));
        assertThat(read(() -> preferences.findByKey(tenant, "newsletter"))).contains(third);
    }

    @Test
    void preferences_are_listed_by_key_in_their_tenant_only() {
        MarketingPreference sms = save(fx.preference(tenant, "sms-offers"));
        MarketingPreference news = save(fx.preference(tenant, "newsletter"));
        MarketingPreference events = save(fx.preference(tenant, "events"));
        save(fx.preference(otherTenant, "alerts"));

        assertThat(read(() -> preferences.list(tenant))).containsExactly(events, news, sms);
        assertThat(read(() -> preferences.list(fx.newTenant()))).isEmpty();
    }

    @Test
    void inserting_if_absent_stores_the_preference_or_answers_the_one_under_its_key_unchanged() {
        MarketingPreference first = MarketingPreference.invitations(new PreferenceId(fx.nextId()), tenant);
        MarketingPreference second = MarketingPreference.invitations(new PreferenceId(fx.nextId()), tenant);

        MarketingPreference stored = tx.inTransaction(() -> preferences.insertIfAbsent(first));
        MarketingPreference again = tx.inTransaction(() -> preferences.insertIfAbsent(second));

        assertThat(stored).isEqualTo(first);
        assertThat(again).isEqualTo(first);
        assertThat(find(tenant, second.id())).isEmpty();
        assertThat(read(() -> preferences.list(tenant))).containsExactly(first);
        MarketingPreference elsewhere = MarketingPreference.invitations(new PreferenceId(fx.nextId()), otherTenant);
        assertThat(tx.inTransaction(() -> preferences.insertIfAbsent(elsewhere))).isEqualTo(elsewhere);
    }

    @Test
    void a_rolled_back_unit_of_work_leaves_no_preference_and_no_rewording() {
        MarketingPreference news = save(fx.preference(tenant, "newsletter"));
        MarketingPreference offers = fx.preference(tenant, "offers");
        MarketingPreference invitations = MarketingPreference.invitations(new PreferenceId(fx.nextId()), tenant);

        rolledBack(tx, () -> {
            preferences.save(offers);
            preferences.save(reworded(news, 2));
            preferences.insertIfAbsent(invitations);
        });

        assertThat(read(() -> preferences.list(tenant))).containsExactly(news);
        MarketingPreference later = MarketingPreference.invitations(new PreferenceId(fx.nextId()), tenant);
        assertThat(tx.inTransaction(() -> preferences.insertIfAbsent(later))).isEqualTo(later);
    }
}
