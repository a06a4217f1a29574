package io.clientele.invitation.service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the calls made through port interfaces: {@link #wrap} puts a {@link Proxy} in front of
 * an adapter that counts each call by {@code Port.method} and hands it to the adapter. A default
 * method of the port counts as one call (the adapter's own implementation then runs unwrapped).
 * Thread-safe.
 */
final class PortCallCounter {

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    /** The adapter behind a counting proxy of {@code port}. */
    <P> P wrap(Class<P> port, P adapter) {
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(adapter, args);
            }
            calls.computeIfAbsent(port.getSimpleName() + "." + method.getName(), k -> new AtomicLong())
                    .incrementAndGet();
            try {
                return method.invoke(adapter, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return port.cast(proxy);
    }

    /** The calls so far, by {@code Port.method}, sorted. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The calls of {@code after} not yet made in {@code before}, by {@code Port.method} (zeros left out). */
    static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                delta.put(k, d);
            }
        });
        return delta;
    }
}
