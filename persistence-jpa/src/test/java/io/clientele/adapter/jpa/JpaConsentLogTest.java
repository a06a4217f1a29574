package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import io.clientele.consent.model.PreferenceState;
import io.clientele.testkit.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where a client stands on each preference (the profile's marketing section), read in one
 * statement: every preference of the tenant by key, with the client's latest record for it only,
 * never another client's nor an earlier one of their own.
 */
class JpaConsentLogTest {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void every_preference_comes_by_key_with_only_the_clients_latest_record_for_it(TestedDatabase database) {
        JpaAdapters jpa = database.adapters();
        Fixtures fx = Fixtures.standard();
        TenantId tenant = fx.newTenant();
        ClientId ana = fx.newClientId();
        ClientId bruno = fx.newClientId();
        MarketingPreference news = fx.preference(tenant, "news");
        MarketingPreference offers = fx.preference(tenant, "offers");
        MarketingPreference events = fx.preference(tenant, "events");
        ConsentRecord first = fx.consent(ana, news, ConsentDecision.OPT_IN);
        fx.advance(Duration.ofMinutes(1));
        ConsentRecord latest = fx.consent(ana, news, ConsentDecision.OPT_OUT);
        ConsentRecord brunos = fx.consent(bruno, offers, ConsentDecision.OPT_IN);
        jpa.transactions().run(() -> {
            List.of(offers, news, events).forEach(p -> jpa.preferences().save(p));
            List.of(first, latest, brunos).forEach(r -> jpa.consents().append(r));
        });

        List<PreferenceState> states = jpa.transactions()
                .inReadOnlyTransaction(() -> jpa.consents().currentStates(tenant, ana));

        assertThat(states).extracting(s -> s.preference().key()).containsExactly("events", "news", "offers");
        assertThat(states).extracting(PreferenceState::latest)
                .containsExactly(Optional.empty(), Optional.of(latest), Optional.empty());
    }
}
