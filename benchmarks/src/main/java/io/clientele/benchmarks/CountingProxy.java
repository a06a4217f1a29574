package io.clientele.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a server (the SMTP server of {@code
 * invite-dispatch}) that counts the connections made through it: the benchmark's way to count SMTP
 * connections whatever the client. Each accepted connection is piped both ways by two daemon
 * threads, byte for byte. Thread-safe; close it to stop accepting (open pipes end with their
 * connections).
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final AtomicInteger connections = new AtomicInteger();

    private CountingProxy(ServerSocket listener, int target) {
        this.listener = listener;
        this.target = target;
    }

    /** A proxy to {@code 127.0.0.1:targetPort}, accepting at once. */
    static CountingProxy to(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CountingProxy proxy = new CountingProxy(listener, targetPort);
            Thread acceptor = new Thread(proxy::accept, "counting-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy could not listen", e);
        }
    }

    /** The port clients connect to. */
    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted since the last {@link #reset()}. */
    int connections() {
        return connections.get();
    }

    /** Starts counting from zero. */
    void reset() {
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
                pipe(client, server, "client-to-server");
                pipe(server, client, "server-to-client");
            } catch (IOException e) {
                // closed while accepting, or the server refused: the client sees its connection end
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pipe(Socket from, Socket to, String name) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or broke: the other side is closed below, as a real connection would end
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
