package io.clientele.invitation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "203.0.113.7", "255.255.255.255", "::", "::1", "1::", "2001:db8::7",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1:2:3:4:5:6", "::ffff:192.0.2.128",
            "64:ff9b::192.0.2.33", "1:2:3:4:5:6:192.0.2.1", "0000:0000:0000:0000:0000:ffff:255.255.255.255"})
    void ip_literals_are_accepted(String literal) {
        assertThat(IpAddressLiteral.check("ip", literal)).isEqualToIgnoringCase(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "studio.example", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4",
            "1.2.3.4::", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
            "12345::", "g::1", "fe80::1%eth0", "[::1]", "1.2.3.4:80", ":1::", "1:2:3:4:5:6:7:", "::1.2.3.4:5",
            "1:2:3:4:5:6:7:1.2.3.4"})
    void anything_else_is_refused(String text) {
        assertThatThrownBy(() -> IpAddressLiteral.check("ip", text))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ip"));
    }
}
