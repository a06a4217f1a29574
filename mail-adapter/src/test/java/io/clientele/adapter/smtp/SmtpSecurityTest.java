package io.clientele.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.mail.model.RenderedMail;
import io.clientele.mail.model.SendResult;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * Authentication and transport security against GreenMail. Refused credentials are a transient
 * failure of every mail (the mails are fine; the configuration is not, and a permanent failure
 * would flag every recipient's address), and nothing is sent; STARTTLS required against a server
 * that does not offer it sends nothing but EHLO; TLS checks the certificate and the host name.
 */
class SmtpSecurityTest {

    @Test
    void the_sender_authenticates_with_the_configured_user_and_the_mail_goes_out() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start(
                GreenMailConfiguration.aConfig().withUser("platform@platform.example", "apikey", "s3cret"))) {
            List<RenderedMail> batch = TestMails.batch("auth", 2);
            try (SmtpMailSender sender = SmtpMailSender.create(server.config().credentials("apikey", "s3cret").build())) {
                assertThat(sender.send(batch)).allMatch(r -> r instanceof SendResult.Sent);
            }

            assertThat(server.proxy.commandsStartingWith("AUTH")).hasSize(1);
            assertThat(server.receivedRecipients()).hasSize(2);
        }
    }

    @Test
    void refused_credentials_are_a_transient_failure_of_every_mail_and_no_mail_is_sent() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start(
                GreenMailConfiguration.aConfig().withUser("platform@platform.example", "apikey", "s3cret"))) {
            List<RenderedMail> batch = TestMails.batch("badauth", 3);
            List<SendResult> results;
            try (SmtpMailSender sender = SmtpMailSender.create(server.config().credentials("apikey", "wrong").build())) {
                results = sender.send(batch);
            }

            assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r)
                    .isEqualTo(new SendResult.TransientFailure(r.id(), "authentication refused: 535 5.7.8")));
            assertThat(server.proxy.commandsStartingWith("MAIL FROM")).isEmpty();
            assertThat(server.proxy.connections()).isEqualTo(1);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void starttls_required_against_a_server_without_starttls_fails_before_anything_is_sent_in_clear()
            throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()) {
            SmtpConfig config = server.config().security(SmtpConfig.Security.STARTTLS_REQUIRED)
                    .credentials("apikey", "s3cret").build();
            List<SendResult> results;
            try (SmtpMailSender sender = SmtpMailSender.create(config)) {
                results = sender.send(TestMails.batch("cleartext", 2));
            }

            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isEqualTo(
                    new SendResult.TransientFailure(r.id(), "STARTTLS required but not offered by the server")));
            // the server offered no STARTTLS, so the client said hello and nothing else: no credentials, no mail
            assertThat(server.proxy.commands()).isNotEmpty().allMatch(c -> c.startsWith("EHLO "));
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void starttls_optional_against_a_server_without_starttls_sends_in_clear_as_documented() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()) {
            SmtpConfig config = server.config().security(SmtpConfig.Security.STARTTLS_OPTIONAL).build();
            try (SmtpMailSender sender = SmtpMailSender.create(config)) {
                assertThat(sender.send(TestMails.batch("optional", 1))).allMatch(r -> r instanceof SendResult.Sent);
            }

            assertThat(server.receivedRecipients()).hasSize(1);
        }
    }

    @Test
    void implicit_tls_against_a_plain_server_fails_the_handshake_and_sends_nothing() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()) {
            SmtpConfig config = server.config().security(SmtpConfig.Security.IMPLICIT_TLS).build();
            List<SendResult> results;
            try (SmtpMailSender sender = SmtpMailSender.create(config)) {
                results = sender.send(TestMails.batch("tls", 2));
            }

            assertThat(results).hasSize(2).allSatisfy(r -> {
                assertThat(r).isInstanceOf(SendResult.TransientFailure.class);
                assertThat(((SendResult.TransientFailure) r).reason()).startsWith("TLS handshake failed");
            });
            // the proxy saw only the TLS hello, no SMTP command
            assertThat(server.proxy.commands()).noneMatch(c -> c.matches("(?i)(EHLO|HELO|AUTH|MAIL|RCPT|DATA).*"));
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void implicit_tls_refuses_a_server_certificate_the_jdk_does_not_trust() {
        GreenMail smtps = startSmtps();
        try (SmtpMailSender sender = SmtpMailSender.create(smtpsConfig(smtps).build())) {
            List<SendResult> results = sender.send(TestMails.batch("untrusted", 1));

            assertThat(results).singleElement().isEqualTo(new SendResult.TransientFailure(results.get(0).id(),
                    "TLS handshake failed (SSLHandshakeException)"));
            assertThat(smtps.getReceivedMessages()).isEmpty();
        } finally {
            smtps.stop();
        }
    }

    @Test
    void a_trusted_certificate_that_does_not_name_the_host_is_still_refused() throws Exception {
        GreenMail smtps = startSmtps();
        // a private CA's trust, given as a socket factory: here the test server's self-signed certificate,
        // which names no host at all
        SSLSocketFactory factory = trusting("greenmail.p12", "changeit");
        // the factory does trust the server: a handshake without a host name check succeeds
        try (SSLSocket raw = (SSLSocket) factory.createSocket("127.0.0.1", smtps.getSmtps().getPort())) {
            raw.startHandshake();
            assertThat(raw.getSession().getPeerCertificates()).hasSize(1);
        }
        SmtpConfig config = smtpsConfig(smtps).sslSocketFactory(factory).build();
        try (SmtpMailSender sender = SmtpMailSender.create(config)) {
            List<SendResult> results = sender.send(TestMails.batch("identity", 1));

            assertThat(results).singleElement().isEqualTo(new SendResult.TransientFailure(results.get(0).id(),
                    "TLS certificate does not name the host"));
            assertThat(smtps.getReceivedMessages()).isEmpty();
        } finally {
            smtps.stop();
        }
    }

    private static GreenMail startSmtps() {
        GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
        return smtps;
    }

    private static SmtpConfig.Builder smtpsConfig(GreenMail smtps) {
        return SmtpConfig.builder().host("127.0.0.1").port(smtps.getSmtps().getPort())
                .security(SmtpConfig.Security.IMPLICIT_TLS)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))
                .platformSender(TestSmtpServer.PLATFORM_ADDRESS, TestSmtpServer.PLATFORM_NAME);
    }

    /** A socket factory trusting the certificate of the one key of a PKCS #12 key store on the class path. */
    private static SSLSocketFactory trusting(String resource, String password) throws Exception {
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = SmtpSecurityTest.class.getClassLoader().getResourceAsStream(resource)) {
            source.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", source.getCertificate(source.aliases().nextElement()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
