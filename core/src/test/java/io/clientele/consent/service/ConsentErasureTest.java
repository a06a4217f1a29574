package io.clientele.consent.service;

import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.Client;
import io.clientele.common.PageRequest;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Erasure keeps the proof of consent but not the IP address and user agent. */
class ConsentErasureTest {

    private static final String IP = "198.51.100.23";
    private static final String AGENT = "Mozilla/5.0 (Android 14) Chrome/131.0";

    private final ConsentKit kit = new ConsentKit();
    private final ConsentService consent = kit.consent;
    private final MarketingPreference newsletter = kit.newsletter();
    private final Client ana = kit.client("Ana");
    private final Client bo = kit.client("Bo");

    @Test
    @Tag("in-memory")
    void erasing_a_client_through_the_facade_scrubs_ip_and_user_agent_but_keeps_the_records() {
        ConsentRecord in = selfService(ana, ConsentDecision.OPT_IN);
        kit.later();
        ConsentRecord staffOut = consent.optOut(MANAGER, TENANT, ana.id(), newsletter.id());
        ConsentRecord bos = selfService(bo, ConsentDecision.OPT_IN);

        kit.t.clientele.erasure().erase(OWNER, TENANT, ana.id());

        List<ConsentRecord> kept = kit.stored(ana.id());
        assertThat(kept).containsExactly(withoutOrigin(in), staffOut);
        assertThat(kept.get(0).wordingSha256()).isEqualTo(newsletter.wordingHash());
        assertThat(kept.get(0).actor()).isEqualTo("client:" + ana.id().value());
        assertThat(kit.t.memory.consents().contents()).extracting(Object::toString)
                .filteredOn(s -> s.contains(ana.id().toString()))
                .hasSize(2)
                .noneMatch(s -> s.contains(IP) || s.contains("Android"));
        assertThat(kit.stored(bo.id())).containsExactly(bos);
    }

    @Test
    void an_erased_client_leaves_the_audience_but_keeps_a_readable_history() {
        selfService(ana, ConsentDecision.OPT_IN);
        selfService(bo, ConsentDecision.OPT_IN);

        kit.erase(ana);

        assertThat(consent.audience(OWNER, TENANT, newsletter.id(), PageRequest.first()).items())
                .containsExactly(bo.id());
        assertThat(consent.history(OWNER, TENANT, ana.id(), PageRequest.first()).items()).singleElement()
                .satisfies(r -> assertThat(r.ipAddress()).isEmpty());
    }

    @Test
    @Tag("in-memory")
    void the_eraser_can_run_twice() {
        ConsentRecord in = selfService(ana, ConsentDecision.OPT_IN);

        consent.eraser().erase(TENANT, ana.id());
        consent.eraser().erase(TENANT, ana.id());

        assertThat(kit.stored(ana.id())).containsExactly(withoutOrigin(in));
    }

    private ConsentRecord selfService(Client client, ConsentDecision decision) {
        return consent.recordSelfService(ConsentKit.self(client), TENANT, client.id(), newsletter.id(), decision,
                        ConsentOrigin.none().withIpAddress(IP).withUserAgent(AGENT));
    }

    private static ConsentRecord withoutOrigin(ConsentRecord r) {
        return new ConsentRecord(r.id(), r.tenantId(), r.clientId(), r.preferenceId(), r.decision(), r.recordedAt(),
                r.actor(), r.source(), r.wordingVersion(), r.wordingSha256(), Optional.empty(), Optional.empty());
    }
}
