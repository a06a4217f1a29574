package io.clientele.consent.service;

import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.client.model.Client;
import io.clientele.common.ValidationException;
import io.clientele.consent.model.ConsentDecision;
import io.clientele.consent.model.ConsentOrigin;
import io.clientele.consent.model.ConsentRecord;
import io.clientele.consent.model.MarketingPreference;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IP address and user agent kept with a self-service decision. */
class ConsentProofTest {

    private final ConsentKit kit = new ConsentKit();
    private final ConsentService consent = kit.consent;
    private final MarketingPreference newsletter = kit.newsletter();
    private final Client ana = kit.client("Ana");

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "2001:db8::1", "::ffff:192.0.2.128",
            "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"})
    void an_ip_literal_is_kept(String ip) {
        assertThat(decide(Optional.of(ip), Optional.empty()).ipAddress()).contains(ip);
    }

    @Test
    void an_ipv6_address_is_kept_in_lower_case_without_surrounding_spaces() {
        assertThat(decide(Optional.of(" 2001:DB8::A "), Optional.empty()).ipAddress()).contains("2001:db8::a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "studio.example", "256.1.1.1", "1.2.3", "203.0.113.7:443", "[::1]",
            "fe80::1%eth0", "1::2::3", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"})
    void anything_else_is_refused_as_an_ip_address_without_recording(String notAnIp) {
        var before = kit.t.storedState();

        assertThatThrownBy(() -> decide(Optional.of(notAnIp), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("ipAddress");
                    assertThat(e.rule()).isEqualTo("format");
                    assertThat(e.getMessage()).doesNotContain(notAnIp);
                });
        assertThat(kit.t.storedState()).isEqualTo(before);
    }

    @Test
    void a_user_agent_of_512_characters_is_kept_and_a_longer_one_refused() {
        String agent = "Mozilla/5.0 " + "x".repeat(500);

        assertThat(decide(Optional.empty(), Optional.of(agent)).userAgent()).contains(agent);
        assertThatThrownBy(() -> decide(Optional.empty(), Optional.of(agent + "y")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("userAgent");
                    assertThat(e.rule()).isEqualTo("max_length");
                });
    }

    @Test
    void a_user_agent_is_one_line_of_visible_text() {
        assertThatThrownBy(() -> decide(Optional.empty(), Optional.of("Mozilla/5.0\r\nX-Injected: yes")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("userAgent");
                    assertThat(e.rule()).isEqualTo("line_break");
                });
        assertThatThrownBy(() -> decide(Optional.empty(), Optional.of("Mozilla\u202E/5.0")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.rule()).isEqualTo("forbidden_character"));
        assertThat(kit.stored(ana.id())).isEmpty();
    }

    @Test
    void a_blank_user_agent_counts_as_none() {
        assertThat(decide(Optional.empty(), Optional.of("   ")).userAgent()).isEmpty();
    }

    private ConsentRecord decide(Optional<String> ip, Optional<String> agent) {
        return consent.recordSelfService(ConsentKit.self(ana), TENANT, ana.id(), newsletter.id(),
                ConsentDecision.OPT_IN, new ConsentOrigin(ip, agent));
    }
}
