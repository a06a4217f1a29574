package io.clientele.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.invitation.service.InvitationConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinksTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://studio.example/activate", "HTTPS://STUDIO.EXAMPLE/a", "http://localhost:8080/activate",
            "http://LOCALHOST/activate", "http://127.0.0.1:9000/activate", "http://127.3.2.1/a", "http://[::1]:8080/a"})
    void https_links_and_http_links_on_the_loopback_interface_are_secure(String link) {
        assertThat(Links.isSecure(URI.create(link))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://studio.example/activate", "http://localhost.studio.example/a",
            "http://127.0.0.1.studio.example/a", "http://localhost@studio.example/a", "http://128.0.0.1/a",
            "http://[::2]/a", "http://0.0.0.0/a", "javascript:alert(1)", "data:text/html,hi", "ftp://localhost/a",
            "/activate", "localhost/activate", "https:///nohost"})
    void plain_http_off_the_loopback_interface_other_schemes_and_relative_links_are_not_secure(String link) {
        assertThat(Links.isSecure(URI.create(link))).isFalse();
    }

    @Test
    void only_https_links_count_as_https_for_rfc_8058_headers() {
        assertThat(Links.isHttps(URI.create("https://studio.example/u"))).isTrue();
        assertThat(Links.isHttps(URI.create("http://localhost/u"))).isFalse();
        assertThat(Links.isSecure(null)).isFalse();
        assertThat(Links.isHttps(null)).isFalse();
    }

    @Test
    void invitation_links_may_point_at_a_page_served_on_localhost_but_not_at_plain_http_elsewhere() {
        InvitationConfig local = InvitationConfig.withLinks(URI.create("http://localhost:8080/activate"),
                URI.create("http://localhost:8080/reset-password"), URI.create("http://localhost:8080/unsubscribe"),
                io.clientele.client.model.EmailAddress.of("no-reply@studio.example"));
        assertThat(local.activationBaseUrl()).hasToString("http://localhost:8080/activate");

        assertThatThrownBy(() -> InvitationConfig.withLinks(URI.create("http://studio.example/activate"),
                URI.create("https://studio.example/reset-password"), URI.create("https://studio.example/unsubscribe")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("activationBaseUrl");
    }
}
