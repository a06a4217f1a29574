package io.clientele.adapter.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A man in the middle for tests, on a free loopback port, serving one connection: it offers
 * {@code STARTTLS} and {@code AUTH PLAIN LOGIN}, then, as its {@link Scenario} says, refuses
 * {@code STARTTLS}, agrees to it and stays in plain text, or starts TLS with GreenMail's
 * self-signed test certificate (which names no host). It accepts any credentials and any mail, as
 * an attacker hoping to collect them would, and records every line the client sends, in plain
 * text or over TLS, so a test can show that nothing but {@code EHLO} and {@code STARTTLS} left the
 * client.
 */
final class HostileStartTlsServer implements AutoCloseable {

    /** What the server does when the client asks for {@code STARTTLS}. */
    enum Scenario {
        /** Answers {@code 454}: TLS not available. */
        REFUSE_STARTTLS,
        /** Answers {@code 220} and goes on in plain text instead of a TLS handshake. */
        STAY_PLAIN_AFTER_STARTTLS,
        /** Answers {@code 220} and starts TLS with the self-signed test certificate. */
        TLS_WITH_TEST_CERTIFICATE
    }

    private final ServerSocket listener;
    private final Scenario scenario;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private HostileStartTlsServer(ServerSocket listener, Scenario scenario) {
        this.listener = listener;
        this.scenario = scenario;
        this.thread = new Thread(this::serve, "hostile-smtp");
        this.thread.setDaemon(true);
    }

    /** Starts a server for {@code scenario} on a free loopback port. */
    static HostileStartTlsServer start(Scenario scenario) {
        try {
            HostileStartTlsServer server = new HostileStartTlsServer(
                    new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), scenario);
            server.thread.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * Every line the client sent, in order, once the connection is over (waits for it to end, at
     * most 10 seconds).
     */
    List<String> lines() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(10));
        return List.copyOf(lines);
    }

    private void serve() {
        try (Socket plain = listener.accept()) {
            plain.setSoTimeout(10_000);
            Socket socket = plain;
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            write(out, "220 mitm.example ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    write(out, "250-mitm.example\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                } else if (command.startsWith("STARTTLS")) {
                    if (scenario == Scenario.REFUSE_STARTTLS) {
                        write(out, "454 4.7.0 TLS not available");
                        continue;
                    }
                    write(out, "220 2.0.0 Ready to start TLS");
                    if (scenario == Scenario.STAY_PLAIN_AFTER_STARTTLS) {
                        write(out, "250 let us stay in clear");
                        continue;
                    }
                    SSLSocket tls = (SSLSocket) serverContext().getSocketFactory()
                            .createSocket(plain, null, plain.getPort(), false);
                    tls.setUseClientMode(false);
                    try {
                        tls.startHandshake();
                    } catch (IOException e) {
                        lines.add("[handshake failed]");
                        return;
                    }
                    socket = tls;
                    in = reader(socket);
                    out = socket.getOutputStream();
                } else if (command.startsWith("AUTH")) {
                    write(out, "235 2.7.0 Authentication successful");
                } else if (command.startsWith("DATA")) {
                    write(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        lines.add(line);
                    }
                    write(out, "250 2.0.0 queued");
                } else if (command.startsWith("QUIT")) {
                    write(out, "221 2.0.0 bye");
                    return;
                } else {
                    write(out, "250 2.0.0 ok");
                }
            }
        } catch (IOException e) {
            lines.add("[connection ended: " + e.getClass().getSimpleName() + "]");
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A server context holding GreenMail's test key and self-signed certificate. */
    private static SSLContext serverContext() {
        try (InputStream in = HostileStartTlsServer.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, "changeit".toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the test certificate cannot be loaded", e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
