package io.clientele.adapter.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-based TCP proxy for tests, put between an SMTP client and a real SMTP server (GreenMail):
 * it counts the connections it accepts, records the client's commands and the server's replies,
 * and follows a script that answers chosen commands itself instead of forwarding them ({@code RCPT
 * TO:<bounce@...>} answered {@code 550 5.1.1 ...}), answers and closes the connection ({@code 421
 * 4.3.2 ...}), replaces the server's greeting ({@code 554 ...}), swallows a command without any answer (a server that hangs), or cuts the
 * connection without a word at the n-th matching command.
 *
 * <p>Line-based proxying works because the client waits for each reply before its next command:
 * Jakarta Mail pipelines only when the server offers {@code PIPELINING}, which GreenMail does not
 * ({@link #serverLines()} shows its {@code EHLO} answer). Message content between {@code 354} and
 * the final {@code .} is forwarded without matching; the final {@code .} is matched as the command
 * {@code "."}. Rules match a command by case-insensitive prefix; each counts the matching commands
 * of every connection from when it was added, and when several are due the first added fires.
 *
 * <p>Bind to a free port on the loopback interface ({@link #start}). Thread-safe; {@link #close()}
 * stops it and drops every connection.
 */
public final class FaultySmtpProxy implements AutoCloseable {

    private enum Action { REPLY, REPLY_AND_CLOSE, CUT, SWALLOW }

    /** One scripted answer: fires on matching commands after {@code skip} of them, {@code times} times (-1: always). */
    private static final class Rule {
        final String prefix;
        final Action action;
        final String reply;
        int skip;
        int times;

        Rule(String prefix, Action action, String reply, int skip, int times) {
            this.prefix = prefix.toUpperCase(Locale.ROOT);
            this.action = action;
            this.reply = reply;
            this.skip = skip;
            this.times = times;
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> serverLines = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile String greeting;

    private FaultySmtpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** A proxy on a free loopback port forwarding to {@code host:port}, accepting connections. */
    public static FaultySmtpProxy start(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultySmtpProxy proxy = new FaultySmtpProxy(listener, new InetSocketAddress(host, port));
        Thread acceptor = new Thread(proxy::accept, "smtp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections the proxy has accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The client's command lines so far (message content excluded), without line ends. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The server's reply lines so far, without line ends. */
    public List<String> serverLines() {
        return List.copyOf(serverLines);
    }

    /** Answers {@code reply} to every command starting with {@code prefix}, without forwarding it. */
    public FaultySmtpProxy reply(String prefix, String reply) {
        return add(new Rule(prefix, Action.REPLY, reply, 0, -1));
    }

    /** Answers {@code reply} to the next command starting with {@code prefix}, without forwarding it. */
    public FaultySmtpProxy replyOnce(String prefix, String reply) {
        return add(new Rule(prefix, Action.REPLY, reply, 0, 1));
    }

    /**
     * Answers {@code reply} (a {@code 421}) to the next command starting with {@code prefix}, then
     * closes that connection, as a server shutting down does.
     */
    public FaultySmtpProxy replyOnceAndClose(String prefix, String reply) {
        return add(new Rule(prefix, Action.REPLY_AND_CLOSE, reply, 0, 1));
    }

    /** Cuts the connection without a word at the {@code occurrence}-th command (1-based) starting with {@code prefix}. */
    public FaultySmtpProxy cutAt(String prefix, int occurrence) {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence is 1-based");
        }
        return add(new Rule(prefix, Action.CUT, null, occurrence - 1, 1));
    }

    /** Neither forwards nor answers the next command starting with {@code prefix}: the client waits in vain. */
    public FaultySmtpProxy swallowOnce(String prefix) {
        return add(new Rule(prefix, Action.SWALLOW, null, 0, 1));
    }

    /** Greets the connections accepted from now on with {@code reply} instead of the server's greeting. */
    public FaultySmtpProxy greetWith(String reply) {
        this.greeting = reply;
        return this;
    }

    /** Forgets every rule not yet spent: commands are forwarded again. */
    public synchronized FaultySmtpProxy clearRules() {
        rules.clear();
        return this;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private synchronized FaultySmtpProxy add(Rule rule) {
        rules.add(rule);
        return this;
    }

    /**
     * The rule that fires for {@code command}, spending one of its uses; null to forward it. Every
     * matching rule counts the command towards its occurrence, whichever rule fires.
     */
    private synchronized Rule fire(String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        Rule firing = null;
        for (Rule rule : rules) {
            if (rule.times == 0 || !upper.startsWith(rule.prefix)) {
                continue;
            }
            if (rule.skip > 0) {
                rule.skip--;
            } else if (firing == null) {
                firing = rule;
            }
        }
        if (firing != null && firing.times > 0) {
            firing.times--;
        }
        return firing;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            open.add(client);
            Thread t = new Thread(() -> relay(client), "smtp-proxy-relay");
            t.setDaemon(true);
            t.start();
        }
    }

    /** One client connection: client to server here, server to client on a second thread. */
    private void relay(Socket client) {
        Socket server = new Socket();
        open.add(server);
        Connection c = new Connection(client, server);
        try {
            server.connect(target, 5_000);
            Thread back = new Thread(c::pumpReplies, "smtp-proxy-replies");
            back.setDaemon(true);
            back.start();
            c.pumpCommands();
        } catch (IOException e) {
            // the connection was cut, by a rule, a peer or close()
        } finally {
            c.cut();
        }
    }

    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final Object clientWrite = new Object();
        /** True between the server's 354 and the client's final "." line. */
        private volatile boolean data;
        /** The greeting this connection gets instead of the server's, if any. */
        private final String greetWith = greeting;
        private boolean greeted;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pumpCommands() throws IOException {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream toServer = server.getOutputStream();
            byte[] line;
            while ((line = readLine(in)) != null) {
                String text = strip(line);
                if (data && !text.equals(".")) {
                    toServer.write(line);
                    toServer.flush();
                    continue;
                }
                data = false;
                commands.add(text);
                Rule rule = fire(text);
                if (rule == null) {
                    toServer.write(line);
                    toServer.flush();
                } else if (rule.action == Action.CUT) {
                    cut();
                    return;
                } else if (rule.action == Action.SWALLOW) {
                    continue;
                } else {
                    toClient((rule.reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (rule.action == Action.REPLY_AND_CLOSE) {
                        cut();
                        return;
                    }
                }
            }
        }

        void pumpReplies() {
            try {
                InputStream in = new BufferedInputStream(server.getInputStream());
                byte[] line;
                while ((line = readLine(in)) != null) {
                    String text = strip(line);
                    serverLines.add(text);
                    if (!greeted && greetWith != null) {
                        greeted = true;
                        toClient((greetWith + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        continue;
                    }
                    greeted = true;
                    if (text.startsWith("354")) {
                        data = true;
                    }
                    toClient(line);
                }
            } catch (IOException e) {
                // cut
            } finally {
                cut();
            }
        }

        private void toClient(byte[] bytes) throws IOException {
            synchronized (clientWrite) {
                OutputStream out = client.getOutputStream();
                out.write(bytes);
                out.flush();
            }
        }

        void cut() {
            closeQuietly(client);
            closeQuietly(server);
            open.remove(client);
            open.remove(server);
        }
    }

    /** One line with its line end, as sent; null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static String strip(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing for good either way
        }
    }

    /** The commands recorded so far that start with {@code prefix} (case-insensitive). */
    public List<String> commandsStartingWith(String prefix) {
        String upper = prefix.toUpperCase(Locale.ROOT);
        List<String> matching = new ArrayList<>();
        for (String c : commands) {
            if (c.toUpperCase(Locale.ROOT).startsWith(upper)) {
                matching.add(c);
            }
        }
        return Collections.unmodifiableList(matching);
    }
}
