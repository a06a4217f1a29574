package io.clientele.consent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import java.util.Optional;
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
            "12345::1", "g::1", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":::", "1::2::3", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4",
            "::ffff:1.2.3", "fe80::1%25eth0", "[::1]", "1.2.3.4:80", " ", "2001:db8::1 2001:db8::2"})
    void anything_else_is_refused(String notAnIp) {
        assertThatThrownBy(() -> new ConsentOrigin(Optional.of(notAnIp), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("ipAddress");
                    assertThat(e.rule()).isEqualTo("format");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {45, 46})
    void an_ip_address_has_at_most_45_characters(int length) {
        String ip = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
        String candidate = length == 45 ? ip : "0" + ip;
        assertThat(ip).hasSize(45);

        if (length == 45) {
            assertThat(new ConsentOrigin(Optional.of(candidate), Optional.empty()).ipAddress()).contains(ip);
        } else {
            assertThatThrownBy(() -> new ConsentOrigin(Optional.of(candidate), Optional.empty()))
                    .isInstanceOf(ValidationException.class);
        }
    }
}
