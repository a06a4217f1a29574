package io.clientele.benchmarks.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a server (the SMTP server of {@code
 * invite-dispatch}) that counts the connections made through it: the benchmark's way to count SMTP
 * connections whatever the client. Each accepted connection is piped both ways by two daemon
 * threads, byte for byte; optionally each piece of the server's answers (each read from its
 * socket, so an answer that arrives in two pieces waits twice) is held back for a fixed delay, a
 * slow server or network in a test (none by default). When either side closes, both are closed, and
 * an answer still held back is dropped. Thread-safe; close it to stop accepting (open pipes end
 * with their connections).
 */
public final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final long answerDelayNanos;
    private final AtomicInteger connections = new AtomicInteger();

    private CountingProxy(ServerSocket listener, int target, Duration answerDelay) {
        this.listener = listener;
        this.target = target;
        this.answerDelayNanos = answerDelay.toNanos();
    }

    /** A proxy to {@code 127.0.0.1:targetPort}, accepting at once. */
    public static CountingProxy to(int targetPort) {
        return to(targetPort, Duration.ZERO);
    }

    /**
     * A proxy to {@code 127.0.0.1:targetPort}, accepting at once, that holds back each piece of the
     * server's answers for {@code answerDelay} (zero or more) before passing it on.
     */
    public static CountingProxy to(int targetPort, Duration answerDelay) {
        if (answerDelay.isNegative()) {
            throw new IllegalArgumentException("answerDelay must not be negative: " + answerDelay);
        }
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CountingProxy proxy = new CountingProxy(listener, targetPort, answerDelay);
            Thread acceptor = new Thread(proxy::accept, "counting-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy could not listen", e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted since the last {@link #reset()}. */
    public int connections() {
        return connections.get();
    }

    /** Starts counting from zero. */
    public void reset() {
        connections.set(0);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    closeQuietly(client);
                    throw e;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pipe(client, server, "client-to-server", 0);
                pipe(server, client, "server-to-client", answerDelayNanos);
            } catch (IOException e) {
                // closed while accepting, or the server refused: the client sees its connection end
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pipe(Socket from, Socket to, String name, long delayNanos) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (delayNanos > 0) {
                        // the simulated latency of a slow server, not a wait for another thread
                        Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or broke: the other side is closed below, as a real connection would end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "counting-proxy-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed or broken: nothing left to release
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy did not stop", e);
        }
    }
}
