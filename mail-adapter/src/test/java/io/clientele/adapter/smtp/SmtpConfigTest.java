package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.common.ValidationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SMTP configuration: defaults, and every rule from plain values, Properties and the environment. */
class SmtpConfigTest {

    private static SmtpConfig.Builder minimal() {
        return SmtpConfig.builder().host("smtp.provider.example").port(587)
                .platformSender("bounces@platform.example", "Platform");
    }

    @Test
    void defaults_are_secure_by_default_and_as_documented() {
        SmtpConfig config = minimal().build();

        assertThat(config.security()).isEqualTo(SmtpConfig.Security.STARTTLS_REQUIRED);
        assertThat(config.username()).isEmpty();
        assertThat(config.password()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxMessagesPerConnection()).isEqualTo(100);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxMessagesPerSecond()).isZero();
        assertThat(config.burst()).isEqualTo(1);
        assertThat(config.senderDomains()).isEmpty();
        assertThat(config.sslSocketFactory()).isEmpty();
        assertThat(config.platformSender().address()).isEqualTo("bounces@platform.example");
        assertThat(config.platformSender().displayName()).isEqualTo("Platform");
    }

    @Test
    void the_burst_defaults_to_the_rate_rounded_up_and_at_least_one() {
        assertThat(minimal().maxMessagesPerSecond(2.5).build().burst()).isEqualTo(3);
        assertThat(minimal().maxMessagesPerSecond(14).build().burst()).isEqualTo(14);
        assertThat(minimal().maxMessagesPerSecond(0.2).build().burst()).isEqualTo(1);
        assertThat(minimal().maxMessagesPerSecond(14).burst(50).build().burst()).isEqualTo(50);
    }

    @Test
    void sender_domains_are_kept_in_ascii_lower_case_form() {
        SmtpConfig config = minimal().senderDomains(Set.of("Studio-Zen.EXAMPLE", "bücher.example")).build();

        assertThat(config.senderDomains()).containsExactlyInAnyOrder("studio-zen.example", "xn--bcher-kva.example");
    }

    static Stream<Arguments> brokenValues() {
        return Stream.<Arguments>of(
                broken("host", "required", b -> b.host(null)),
                broken("host", "required", b -> b.host("  ")),
                broken("host", "format", b -> b.host("smtp.example\r\nRCPT TO:<x@y>")),
                broken("host", "format", b -> b.host("smtp example")),
                broken("port", "required", b -> SmtpConfig.builder().host("h.example")
                        .platformSender("bounces@platform.example", "Platform")),
                broken("port", "range", b -> b.port(0)),
                broken("port", "range", b -> b.port(65_536)),
                broken("security", "required", b -> b.security(null)),
                broken("password", "both_or_neither", b -> b.credentials("user", null)),
                broken("username", "both_or_neither", b -> b.credentials(null, "secret")),
                broken("username", "line_break", b -> b.credentials("us\ner", "secret")),
                broken("password", "required", b -> b.credentials("user", "")),
                broken("connectTimeout", "range", b -> b.connectTimeout(Duration.ZERO)),
                broken("connectTimeout", "range", b -> b.connectTimeout(Duration.ofSeconds(-1))),
                broken("connectTimeout", "range", b -> b.connectTimeout(Duration.ofMinutes(6))),
                broken("readTimeout", "range", b -> b.readTimeout(Duration.ZERO)),
                broken("readTimeout", "range", b -> b.readTimeout(Duration.ofHours(1))),
                broken("writeTimeout", "range", b -> b.writeTimeout(Duration.ofMillis(-5))),
                broken("writeTimeout", "required", b -> b.writeTimeout(null)),
                broken("maxMessagesPerConnection", "range", b -> b.maxMessagesPerConnection(0)),
                broken("maxMessagesPerConnection", "range", b -> b.maxMessagesPerConnection(10_001)),
                broken("idleTimeout", "range", b -> b.idleTimeout(Duration.ofMillis(-1))),
                broken("idleTimeout", "range", b -> b.idleTimeout(Duration.ofMinutes(5).plusMillis(1))),
                broken("idleTimeout", "required", b -> b.idleTimeout(null)),
                broken("maxMessagesPerSecond", "range", b -> b.maxMessagesPerSecond(-1)),
                broken("maxMessagesPerSecond", "range", b -> b.maxMessagesPerSecond(Double.NaN)),
                broken("maxMessagesPerSecond", "range", b -> b.maxMessagesPerSecond(Double.POSITIVE_INFINITY)),
                broken("burst", "range", b -> b.burst(0)),
                broken("burst", "range", b -> b.burst(100_001)),
                broken("platformAddress", "required", b -> b.platformSender(null, "Platform")),
                broken("platformAddress", "format", b -> b.platformSender("no-at-sign", "Platform")),
                broken("platformAddress", "format", b -> b.platformSender("a@b@platform.example", "Platform")),
                broken("platformAddress", "line_break", b -> b.platformSender("a@platform.example\nX", "Platform")),
                broken("platformAddress", "ascii_local_part", b -> b.platformSender("zoë@platform.example", "P")),
                broken("platformName", "required", b -> b.platformSender("a@platform.example", null)),
                broken("platformName", "line_break", b -> b.platformSender("a@platform.example", "Plat\u2028form")),
                broken("senderDomains", "format", b -> b.senderDomains(Set.of("not a domain"))),
                broken("senderDomains", "required", b -> b.senderDomains(null)));
    }

    private static Arguments broken(String field, String rule, UnaryOperator<SmtpConfig.Builder> change) {
        return Arguments.of(field, rule, change);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("brokenValues")
    void every_rule_broken_by_a_plain_value_names_the_component_and_the_rule(String field, String rule,
            UnaryOperator<SmtpConfig.Builder> change) {
        assertThatThrownBy(() -> change.apply(minimal()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                });
    }

    @Test
    void properties_are_read_with_their_documented_keys_and_formats() {
        Properties p = new Properties();
        p.setProperty("clientele.smtp.host", " smtp.provider.example ");
        p.setProperty("clientele.smtp.port", "465");
        p.setProperty("clientele.smtp.security", "TLS");
        p.setProperty("clientele.smtp.username", "apikey");
        p.setProperty("clientele.smtp.password", "s3cret");
        p.setProperty("clientele.smtp.connect-timeout", "PT5S");
        p.setProperty("clientele.smtp.read-timeout", "2500");
        p.setProperty("clientele.smtp.write-timeout", "PT1M");
        p.setProperty("clientele.smtp.max-messages-per-connection", "50");
        p.setProperty("clientele.smtp.idle-timeout", "PT2M");
        p.setProperty("clientele.smtp.rate-per-second", "0.5");
        p.setProperty("clientele.smtp.rate-burst", "4");
        p.setProperty("clientele.smtp.platform-address", "bounces@platform.example");
        p.setProperty("clientele.smtp.platform-name", "Platform");
        p.setProperty("clientele.smtp.sender-domains", "platform.example, studio-zen.example");
        p.setProperty("unrelated.setting", "ignored");

        SmtpConfig config = SmtpConfig.fromProperties(p);

        assertThat(config).isEqualTo(SmtpConfig.builder()
                .host("smtp.provider.example").port(465).security(SmtpConfig.Security.IMPLICIT_TLS)
                .credentials("apikey", "s3cret")
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofMillis(2500))
                .writeTimeout(Duration.ofMinutes(1)).maxMessagesPerConnection(50).idleTimeout(Duration.ofMinutes(2))
                .maxMessagesPerSecond(0.5).burst(4)
                .platformSender("bounces@platform.example", "Platform")
                .senderDomains(Set.of("platform.example", "studio-zen.example")).build());
    }

    @Test
    void blank_properties_take_the_defaults() {
        Properties p = required();
        p.setProperty("clientele.smtp.security", "");
        p.setProperty("clientele.smtp.read-timeout", "  ");

        SmtpConfig config = SmtpConfig.fromProperties(p);

        assertThat(config.security()).isEqualTo(SmtpConfig.Security.STARTTLS_REQUIRED);
        assertThat(config.readTimeout()).isEqualTo(SmtpConfig.DEFAULT_READ_TIMEOUT);
    }

    static Stream<Arguments> brokenSettings() {
        return Stream.of(
                Arguments.of("host", "", "host", "required"),
                Arguments.of("port", "abc", "port", "format"),
                Arguments.of("port", "0", "port", "range"),
                Arguments.of("port", "99999999999", "port", "format"),
                Arguments.of("security", "ssl", "security", "one_of"),
                Arguments.of("username", "apikey", "password", "both_or_neither"),
                Arguments.of("password", "s3cret", "username", "both_or_neither"),
                Arguments.of("connect-timeout", "10s", "connect-timeout", "format"),
                Arguments.of("connect-timeout", "0", "connect-timeout", "range"),
                Arguments.of("read-timeout", "PT10M", "read-timeout", "range"),
                Arguments.of("write-timeout", "PT-1S", "write-timeout", "range"),
                Arguments.of("max-messages-per-connection", "0", "max-messages-per-connection", "range"),
                Arguments.of("max-messages-per-connection", "ten", "max-messages-per-connection", "format"),
                Arguments.of("idle-timeout", "30s", "idle-timeout", "format"),
                Arguments.of("idle-timeout", "PT6M", "idle-timeout", "range"),
                Arguments.of("rate-per-second", "-1", "rate-per-second", "format"),
                Arguments.of("rate-per-second", "NaN", "rate-per-second", "format"),
                Arguments.of("rate-per-second", "1e3", "rate-per-second", "format"),
                Arguments.of("rate-per-second", "20000", "rate-per-second", "range"),
                Arguments.of("rate-burst", "0", "rate-burst", "range"),
                Arguments.of("platform-address", "not-an-address", "platform-address", "format"),
                Arguments.of("platform-name", "Plat\nform", "platform-name", "line_break"),
                Arguments.of("sender-domains", "a.example,,b.example", "sender-domains", "format"),
                Arguments.of("sender-domains", "a.example, -bad-.example", "sender-domains", "format"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("brokenSettings")
    void a_broken_property_is_refused_naming_the_key_as_written(String key, String value, String failingKey,
            String rule) {
        Properties p = required();
        p.setProperty("clientele.smtp." + key, value);
        Properties before = (Properties) p.clone();

        assertThatThrownBy(() -> SmtpConfig.fromProperties(p))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("clientele.smtp." + failingKey);
                    assertThat(e.rule()).isEqualTo(rule);
                });
        assertThat(p).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("brokenSettings")
    void a_broken_environment_variable_is_refused_naming_the_variable_as_written(String key, String value,
            String failingKey, String rule) {
        Map<String, String> env = new HashMap<>(requiredEnvironment());
        env.put("CLIENTELE_SMTP_" + key.toUpperCase().replace('-', '_'), value);

        assertThatThrownBy(() -> SmtpConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("CLIENTELE_SMTP_" + failingKey.toUpperCase().replace('-', '_'));
                    assertThat(e.rule()).isEqualTo(rule);
                });
    }

    @Test
    void a_missing_required_setting_is_named_by_its_key() {
        Properties p = required();
        p.remove("clientele.smtp.platform-address");
        assertRefused(() -> SmtpConfig.fromProperties(p), "clientele.smtp.platform-address", "required");

        Map<String, String> env = new HashMap<>(requiredEnvironment());
        env.remove("CLIENTELE_SMTP_PORT");
        assertRefused(() -> SmtpConfig.fromEnvironment(env), "CLIENTELE_SMTP_PORT", "required");
    }

    @Test
    void a_misspelt_setting_is_refused_rather_than_ignored() {
        Properties p = required();
        p.setProperty("clientele.smtp.prot", "25");
        assertRefused(() -> SmtpConfig.fromProperties(p), "clientele.smtp.prot", "unknown_setting");

        Map<String, String> env = new HashMap<>(requiredEnvironment());
        env.put("CLIENTELE_SMTP_SECURTY", "none");
        assertRefused(() -> SmtpConfig.fromEnvironment(env), "CLIENTELE_SMTP_SECURTY", "unknown_setting");
    }

    @Test
    void the_environment_uses_the_property_keys_upper_cased_with_underscores() {
        Map<String, String> env = new HashMap<>(requiredEnvironment());
        env.put("CLIENTELE_SMTP_SECURITY", "starttls-optional");
        env.put("CLIENTELE_SMTP_CONNECT_TIMEOUT", "PT3S");
        env.put("CLIENTELE_SMTP_MAX_MESSAGES_PER_CONNECTION", "20");
        env.put("CLIENTELE_SMTP_IDLE_TIMEOUT", "0");
        env.put("CLIENTELE_SMTP_RATE_PER_SECOND", "14");
        env.put("CLIENTELE_SMTP_SENDER_DOMAINS", "platform.example");
        env.put("PATH", "/usr/bin");

        SmtpConfig config = SmtpConfig.fromEnvironment(env);

        assertThat(config.host()).isEqualTo("smtp.provider.example");
        assertThat(config.port()).isEqualTo(587);
        assertThat(config.security()).isEqualTo(SmtpConfig.Security.STARTTLS_OPTIONAL);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.maxMessagesPerConnection()).isEqualTo(20);
        assertThat(config.idleTimeout()).isZero();
        assertThat(config.maxMessagesPerSecond()).isEqualTo(14);
        assertThat(config.burst()).isEqualTo(14);
        assertThat(config.senderDomains()).containsExactly("platform.example");
    }

    @Test
    void to_string_hides_the_password() {
        SmtpConfig config = minimal().credentials("apikey", "s3cret-P4ss").build();

        assertThat(config.toString()).doesNotContain("s3cret-P4ss").contains("password=***").contains("apikey");
        assertThat(config.password()).contains("s3cret-P4ss");
    }

    @Test
    void to_builder_keeps_every_value_and_adds_a_socket_factory_for_a_private_ca() {
        SmtpConfig config = minimal().credentials("apikey", "secret").maxMessagesPerSecond(3).burst(7)
                .idleTimeout(Duration.ofSeconds(45)).senderDomains(Set.of("platform.example")).build();
        SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        SmtpConfig withFactory = config.toBuilder().sslSocketFactory(factory).build();
        assertThat(withFactory.sslSocketFactory()).containsSame(factory);
        assertThat(withFactory.toString()).contains("sslSocketFactory=custom");
    }

    @Test
    void the_session_checks_the_servers_identity_and_requires_starttls_by_default() {
        Properties props = SmtpMailSender.sessionProperties(minimal().build(), "smtp");

        assertThat(props.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(props.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(props.getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(props.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(props.getProperty("mail.smtp.timeout")).isEqualTo("30000");
        assertThat(props.getProperty("mail.smtp.writetimeout")).isEqualTo("30000");
        assertThat(props.getProperty("mail.smtp.auth")).isEqualTo("false");
        assertThat(props.getProperty("mail.smtp.localhost")).isEqualTo("platform.example");
    }

    @Test
    void implicit_tls_uses_the_smtps_properties_and_the_given_socket_factory() {
        SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        SmtpConfig config = minimal().port(465).security(SmtpConfig.Security.IMPLICIT_TLS)
                .credentials("apikey", "secret").sslSocketFactory(factory).build();

        Properties props = SmtpMailSender.sessionProperties(config, "smtps");

        assertThat(props.getProperty("mail.smtps.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(props.getProperty("mail.smtps.starttls.enable")).isEqualTo("false");
        assertThat(props.getProperty("mail.smtps.auth")).isEqualTo("true");
        assertThat(props.get("mail.smtps.ssl.socketFactory")).isSameAs(factory);
        assertThat(props.getProperty("mail.smtps.socketFactory.fallback")).isEqualTo("false");
        assertThat(props.getProperty("mail.smtp.auth")).isNull();
    }

    @Test
    void plain_connections_enable_no_starttls_and_optional_starttls_does_not_require_it() {
        Properties none = SmtpMailSender.sessionProperties(
                minimal().security(SmtpConfig.Security.NONE).build(), "smtp");
        Properties optional = SmtpMailSender.sessionProperties(
                minimal().security(SmtpConfig.Security.STARTTLS_OPTIONAL).build(), "smtp");

        assertThat(none.getProperty("mail.smtp.starttls.enable")).isEqualTo("false");
        assertThat(optional.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(optional.getProperty("mail.smtp.starttls.required")).isEqualTo("false");
    }

    @Test
    void optional_components_must_not_be_null() {
        assertRefused(() -> new SmtpConfig("h.example", 25, SmtpConfig.Security.NONE, null, Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ZERO, 0, 1,
                "a@p.example", "P", Set.of(), Optional.empty()), "username", "required");
    }

    private static Properties required() {
        Properties p = new Properties();
        p.setProperty("clientele.smtp.host", "smtp.provider.example");
        p.setProperty("clientele.smtp.port", "587");
        p.setProperty("clientele.smtp.platform-address", "bounces@platform.example");
        p.setProperty("clientele.smtp.platform-name", "Platform");
        return p;
    }

    private static Map<String, String> requiredEnvironment() {
        return Map.of(
                "CLIENTELE_SMTP_HOST", "smtp.provider.example",
                "CLIENTELE_SMTP_PORT", "587",
                "CLIENTELE_SMTP_PLATFORM_ADDRESS", "bounces@platform.example",
                "CLIENTELE_SMTP_PLATFORM_NAME", "Platform");
    }

    private static void assertRefused(Runnable action, String field, String rule) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
    }
}
