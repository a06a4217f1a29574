package io.clientele.adapter.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * GreenMail on a free loopback port with a {@link FaultySmtpProxy} in front of it, for one test:
 * {@link #config()} points a sender at the proxy. Close it after the test.
 */
final class TestSmtpServer implements AutoCloseable {

    static final String PLATFORM_ADDRESS = "bounces@platform.example";
    static final String PLATFORM_NAME = "Clientele Platform";

    final FaultySmtpProxy proxy;
    private final GreenMailConfiguration configuration;
    private volatile GreenMail greenMail;

    private TestSmtpServer(GreenMail greenMail, FaultySmtpProxy proxy, GreenMailConfiguration configuration) {
        this.greenMail = greenMail;
        this.proxy = proxy;
        this.configuration = configuration;
    }

    /** Plain SMTP, no users. */
    static TestSmtpServer start() {
        return start(GreenMailConfiguration.aConfig());
    }

    /** Plain SMTP with {@code configuration} (users, for authentication). */
    static TestSmtpServer start(GreenMailConfiguration configuration) {
        GreenMail greenMail = greenMail(0, configuration);
        try {
            return new TestSmtpServer(greenMail, FaultySmtpProxy.start("127.0.0.1", greenMail.getSmtp().getPort()),
                    configuration);
        } catch (IOException e) {
            greenMail.stop();
            throw new UncheckedIOException(e);
        }
    }

    private static GreenMail greenMail(int port, GreenMailConfiguration configuration) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(configuration);
        greenMail.start();
        return greenMail;
    }

    /**
     * Stops GreenMail, which drops every connection (the proxy then closes the client's side), and
     * starts a new one on the same port with no messages, as a mail server restarting does.
     */
    void restartServer() {
        int port = greenMail.getSmtp().getPort();
        greenMail.stop();
        greenMail = greenMail(port, configuration);
    }

    /** The GreenMail running now (a new one after {@link #restartServer()}). */
    GreenMail greenMail() {
        return greenMail;
    }

    /**
     * A configuration for the proxy: plain SMTP (the test server has no TLS), short timeouts,
     * platform sender {@value #PLATFORM_ADDRESS}.
     */
    SmtpConfig.Builder config() {
        return SmtpConfig.builder()
                .host("127.0.0.1")
                .port(proxy.port())
                .security(SmtpConfig.Security.NONE)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(10))
                .platformSender(PLATFORM_ADDRESS, PLATFORM_NAME);
    }

    /** Every message GreenMail stored. */
    List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** The {@code To} address of every message GreenMail stored, in order. */
    List<String> receivedRecipients() {
        List<String> to = new ArrayList<>();
        try {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                for (Address a : m.getRecipients(MimeMessage.RecipientType.TO)) {
                    to.add(((InternetAddress) a).getAddress());
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return to;
    }

    /** A loopback port nothing listens on (bound, then closed). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            proxy.close();
        } finally {
            greenMail.stop();
        }
    }
}
