package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ConflictException;
import io.clientele.common.TenantId;
import io.clientele.consent.model.Channel;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.port.PreferenceRepository;
import io.clientele.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the preference adapter does beyond its contract, on PostgreSQL 17 and H2: a rewording that
 * takes another preference's key is {@code DUPLICATE} on field {@code key} and changes nothing, a
 * read after a rewording in the same unit of work sees it, and a wording at the domain's longest
 * is stored whole.
 */
class JpaPreferenceRepositoryTest {

    private final Fixtures fx = Fixtures.standard();
    private final TenantId tenant = fx.newTenant();

    private static PreferenceRepository preferences(TestedDatabase db) {
        return db.adapters().preferences();
    }

    private static MarketingPreference save(TestedDatabase db, MarketingPreference preference) {
        db.adapters().transactions().run(() -> preferences(db).save(preference));
        return preference;
    }

    private static MarketingPreference reworded(MarketingPreference p, String key, String wording) {
        return new MarketingPreference(p.id(), p.tenantId(), key, p.name(), wording, p.version() + 1, p.channel());
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_rewording_that_takes_another_preference_s_key_is_a_duplicate_key_and_changes_nothing(TestedDatabase db) {
        MarketingPreference news = save(db, fx.preference(tenant, "newsletter"));
        MarketingPreference offers = save(db, fx.preference(tenant, "offers"));

        assertThatThrownBy(() -> save(db, reworded(offers, "newsletter", "Offers and news.")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConflictException.Reason.DUPLICATE);
                    assertThat(e.getMessage()).startsWith("key: ");
                });

        assertThat(db.adapters().transactions().inReadOnlyTransaction(() -> preferences(db).list(tenant)))
                .containsExactly(news, offers);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_read_after_a_rewording_in_the_same_unit_of_work_sees_the_rewording(TestedDatabase db) {
        MarketingPreference news = save(db, fx.preference(tenant, "newsletter"));
        MarketingPreference second = reworded(news, "newsletter", "Our news, monthly.");

        List<Optional<MarketingPreference>> reads = db.adapters().transactions().inTransaction(() -> {
            Optional<MarketingPreference> before = preferences(db).find(tenant, news.id());
            preferences(db).save(second);
            return List.of(before, preferences(db).find(tenant, news.id()),
                    preferences(db).findByKey(tenant, "newsletter"));
        });

        assertThat(reads).containsExactly(Optional.of(news), Optional.of(second), Optional.of(second));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void a_wording_at_the_domain_s_longest_in_characters_beyond_the_basic_plane_is_stored_whole(TestedDatabase db) {
        String emoji = "\uD83D\uDCE8";
        MarketingPreference longest = save(db, new MarketingPreference(fx.preference(tenant, "letters").id(), tenant,
                "letters", emoji.repeat(120), emoji.repeat(5000), 1, Channel.POST));

        assertThat(db.adapters().transactions().inReadOnlyTransaction(() -> preferences(db).findByKey(tenant, "letters")))
                .contains(longest);
    }
}
