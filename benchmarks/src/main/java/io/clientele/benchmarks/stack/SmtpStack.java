package io.clientele.benchmarks.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.adapter.smtp.SmtpConfig;
import java.time.Duration;

/**
 * GreenMail, a real SMTP server, on a free loopback port of this JVM, and the SMTP adapter's
 * configuration to reach it. Thread-safe; close it to stop the server.
 */
public final class SmtpStack implements AutoCloseable {

    /** The platform's sender address the mails go out from. */
    public static final String PLATFORM_SENDER = "no-reply@bench.example";

    private final GreenMail server;

    private SmtpStack(GreenMail server) {
        this.server = server;
    }

    /** Starts the server. */
    public static SmtpStack start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new SmtpStack(server);
    }

    /** The server's SMTP port on 127.0.0.1. */
    public int port() {
        return server.getSmtp().getPort();
    }

    /** The server itself: received messages, purging. */
    public GreenMail server() {
        return server;
    }

    /**
     * The SMTP adapter's configuration for this server: plain SMTP on the loopback interface (a
     * real server takes the default, STARTTLS required), timeouts of a few seconds.
     */
    public SmtpConfig.Builder config() {
        return configFor(port());
    }

    /** As {@link #config()}, for a server on {@code port} of 127.0.0.1 (a child JVM's view). */
    public static SmtpConfig.Builder configFor(int port) {
        return SmtpConfig.builder()
                .host("127.0.0.1")
                .port(port)
                .security(SmtpConfig.Security.NONE)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .platformSender(PLATFORM_SENDER, "Clientele benchmarks");
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }
}
