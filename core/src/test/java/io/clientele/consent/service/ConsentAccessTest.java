package io.clientele.consent.service;

import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static io.clientele.testing.TestClientele.staffWithout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.Actor;
import io.clientele.common.PageRequest;
import io.clientele.common.Permission;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.MarketingPreference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may do what in the consent context; a denial changes nothing. */
class ConsentAccessTest {

    private final ConsentKit kit = new ConsentKit();
    private final ConsentService consent = kit.consent;
    private final MarketingPreference newsletter = kit.newsletter();
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");

    @Test
    void recording_a_staff_decision_needs_manage_marketing() {
        Actor withoutMarketing = staffWithout("manager-2", Permission.MANAGE_MARKETING);
        var before = kit.t.storedState();

        for (Actor denied : List.of(withoutMarketing, VIEWER, NOBODY, ConsentKit.self(ana))) {
            assertThatThrownBy(() -> consent.optIn(denied, TENANT, ana.id(), newsletter.id()))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            e -> assertThat(e.permission()).contains(Permission.MANAGE_MARKETING));
            assertThatThrownBy(() -> consent.optOut(denied, TENANT, ana.id(), newsletter.id()))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> consent.importDecision(denied, TENANT, ana.id(), newsletter.id(),
                    ConsentDecision.OPT_IN, kit.t.clock.instant()))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(kit.t.storedState()).isEqualTo(before);
    }

    @Test
    void the_current_state_is_for_staff_who_view_clients_or_the_client_themself() {
        assertThat(consent.currentState(VIEWER, TENANT, ana.id())).hasSize(2);
        assertThat(consent.currentState(ConsentKit.self(ana), TENANT, ana.id())).hasSize(2);

        assertThatThrownBy(() -> consent.currentState(NOBODY, TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> consent.currentState(ConsentKit.self(bo), TENANT, ana.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_history_is_refused_to_viewers_and_to_the_client() {
        for (Actor denied : List.of(VIEWER, NOBODY, ConsentKit.self(ana))) {
            assertThatThrownBy(() -> consent.history(denied, TENANT, ana.id(), PageRequest.first()).items())
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void the_audience_needs_manage_marketing() {
        consent.optIn(OWNER, TENANT, ana.id(), newsletter.id());

        for (Actor denied : List.of(VIEWER, staffWithout("manager-2", Permission.MANAGE_MARKETING),
                ConsentKit.self(ana))) {
            assertThatThrownBy(() -> consent.audience(denied, TENANT, newsletter.id(), PageRequest.first()))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(consent.audience(Actor.Staff.of("marketer-1", TENANT, Permission.MANAGE_MARKETING), TENANT,
                newsletter.id(), PageRequest.first()).items()).containsExactly(ana.id());
    }

    @Test
    void a_client_cannot_record_a_self_service_decision_for_someone_else() {
        assertThatThrownBy(() -> consent.recordSelfService(ConsentKit.self(bo), TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_OUT,
                        ConsentOrigin.none().withIpAddress("203.0.113.9")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(kit.stored(ana.id())).isEmpty();
        assertThat(kit.stored(bo.id())).isEmpty();
    }
}
