package io.clientele.consent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentOriginTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "192.0.2.1", "::", "::1", "1::", "2001:db8::8:800:200c:417a",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "fe80::1:2:3:4:5:6", "::ffff:192.0.2.128",
            "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "64:ff9b::192.0.2.33"})
    void ip_literals_are_accepted_as_written(String ip) {
        assertThat(new ConsentOrigin(Optional.of(ip), Optional.empty()).ipAddress()).contains(ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "a.b.c.d", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "256.0.0.1",
            "1.2.3.-4", "\u0661.2.3.4", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
            "12345::1", "g::1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":::", "1::2::3", "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::ffff:1.2.3", "fe80::1%25eth0", "[::1]", "1.2.3.4:80", "2001:db8::1 2001:db8::2"})
    void anything_else_is_refused(String notAnIp) {
        assertThatThrownBy(() -> new ConsentOrigin(Optional.of(notAnIp), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("ipAddress");
                    assertThat(e.rule()).isEqualTo("format");
                });
    }

    @Test
    void the_longest_ip_literal_has_45_characters_and_one_more_is_refused() {
        String longest = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
        assertThat(longest).hasSize(ConsentOrigin.MAX_IP_ADDRESS);

        assertThat(new ConsentOrigin(Optional.of(longest), Optional.empty()).ipAddress()).contains(longest);
        assertThatThrownBy(() -> new ConsentOrigin(Optional.of("0" + longest), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("format"));
    }
}
