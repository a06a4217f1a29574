package io.clientele.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SMTP server for the reliability suite, on a loopback port, that stores nothing but who got
 * a mail and misbehaves on cue: it refuses some recipients for good ({@code 550 5.1.1} at {@code
 * RCPT}) or for now ({@code 451 4.7.1}), and, once a given number of mails has been delivered, at
 * the next {@code MAIL} command either answers {@code 421} and hangs up, or stops altogether
 * (every connection and the listening socket closed) until {@link #restart()}. Faults strike at
 * {@code MAIL}, before any data, so a fault never leaves a mail delivered that the sender believes
 * failed: a second delivery to an address is then a duplicate of the dispatcher's making. The
 * mail adapter's own fault proxy lives in its tests, out of reach of this module. Thread-safe.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** What the server does at a scheduled fault. */
    enum Fault {
        /** Answers {@code 421 4.3.2} to {@code MAIL} and closes the connection; keeps listening. */
        REPLY_421,
        /** Closes every connection and stops listening, mid-session. */
        STOP
    }

    private record Scheduled(int afterDeliveries, Fault fault) {
    }

    private final int port;
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> recipientAttempts = new HashMap<>();
    private final List<Scheduled> faults = new ArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private int faultsFired;
    private ServerSocket listener;

    private ScriptedSmtpServer(ServerSocket listener) {
        this.listener = listener;
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    /** Starts the server on a free loopback port. */
    static ScriptedSmtpServer start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new ScriptedSmtpServer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Answers {@code 550 5.1.1} at {@code RCPT} for these addresses, always. */
    void rejectForGood(Set<String> addresses) {
        rejected.addAll(addresses);
    }

    /** Answers {@code 451 4.7.1} at {@code RCPT} for these addresses, always. */
    void deferForever(Set<String> addresses) {
        deferred.addAll(addresses);
    }

    /** Strikes with {@code fault} at the first {@code MAIL} once {@code afterDeliveries} mails were delivered. */
    synchronized void schedule(int afterDeliveries, Fault fault) {
        faults.add(new Scheduled(afterDeliveries, fault));
    }

    /** The address of every mail delivered, in order (an address twice: two mails). */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    /** How many {@code RCPT} commands named {@code address}. */
    synchronized int recipientAttempts(String address) {
        return recipientAttempts.getOrDefault(address, 0);
    }

    synchronized int faultsFired() {
        return faultsFired;
    }

    synchronized boolean stopped() {
        return listener == null;
    }

    /** Listens again on the same port after a {@link Fault#STOP}. */
    synchronized void restart() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            acceptOn(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private synchronized void stop() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        connections.forEach(ScriptedSmtpServer::closeQuietly);
        connections.clear();
    }

    private void acceptOn(ServerSocket socket) {
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.add(connection);
                    Thread session = new Thread(() -> serve(connection), "scripted-smtp-session");
                    session.setDaemon(true);
                    session.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The fault due now, if any, taken off the schedule. */
    private synchronized Fault dueFault() {
        for (Scheduled s : faults) {
            if (delivered.size() >= s.afterDeliveries()) {
                faults.remove(s);
                faultsFired++;
                return s.fault();
            }
        }
        return null;
    }

    private synchronized void countRecipient(String address) {
        recipientAttempts.merge(address, 1, Integer::sum);
    }

    private void serve(Socket connection) {
        try (connection;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = connection.getOutputStream()) {
            reply(out, "220 scripted.test ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                    case "MAIL" -> {
                        Fault fault = dueFault();
                        if (fault == Fault.STOP) {
                            stop();
                            return;
                        }
                        if (fault == Fault.REPLY_421) {
                            reply(out, "421 4.3.2 service shutting down");
                            return;
                        }
                        recipient = null;
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                        countRecipient(address);
                        if (rejected.contains(address)) {
                            reply(out, "550 5.1.1 mailbox unavailable");
                        } else if (deferred.contains(address)) {
                            reply(out, "451 4.7.1 try again later");
                        } else {
                            recipient = address;
                            reply(out, "250 2.1.5 ok");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the body is not kept: only who got a mail matters here
                        }
                        if (data == null) {
                            return;
                        }
                        if (recipient != null) {
                            delivered.add(recipient);
                        }
                        recipient = null;
                        reply(out, "250 2.0.0 queued");
                    }
                    case "RSET" -> {
                        recipient = null;
                        reply(out, "250 2.0.0 ok");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.1 not implemented");
                }
            }
        } catch (SocketException e) {
            // the server was stopped under this session, or the client went away
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            connections.remove(connection);
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing on the way down: nothing left to do with the error
        }
    }
}
