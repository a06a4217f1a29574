package io.clientele.benchmarks.stack;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.adapter.smtp.SmtpConfig;
import java.time.Duration;
import java.util.List;

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
     * Empties the server: its mails and its mailboxes. GreenMail makes a mailbox for each new
     * recipient and finds a recipient's mailbox by walking a list of all of them, so its cost per
     * mail grows with the recipients it has seen; a benchmark clears it between rounds, so that
     * every round meets the same server. Not while mails are being delivered.
     */
    public void clear() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("could not empty the SMTP server's mailboxes", e);
        }
        UserManager users = server.getUserManager();
        for (GreenMailUser user : List.copyOf(users.listUser())) {
            users.deleteUser(user);
        }
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
