package io.clientele.testing;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Counts the calls the core makes to its ports: {@link #wrap} puts any port interface behind a
 * {@link Proxy} that counts each call under {@code "<Port>.<method>"} and then makes it on the
 * real adapter, and {@link #installInto} installs every in-memory adapter into a {@link
 * Clientele.Builder} wrapped that way. A test reads the counts of one use case between {@link
 * #reset} and {@link #counts}, to show that a bulk path makes the same calls whatever its size.
 *
 * <p>Only calls through the proxies count: a call an adapter makes to itself, or a default
 * method's calls to the adapter, are one call, as one statement to a database would be. Thread-safe.
 */
public final class CountingPorts {

    private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();

    /** {@code target} behind a proxy of {@code port} that counts every call made through it. */
    public <T> T wrap(Class<T> port, T target) {
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port.getName() + " is not an interface");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class) {
                calls.computeIfAbsent(port.getSimpleName() + "." + method.getName(), k -> new LongAdder()).increment();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    /**
     * Installs the in-memory adapters into the builder ({@link InMemoryAdapters#installInto}), then
     * replaces every port among them with its counting proxy: each builder setter whose parameter
     * is an interface that exactly one adapter of {@code memory} implements gets that adapter,
     * wrapped. A port no in-memory adapter provides (the pacer, erasure participants) is left as
     * it is. Returns the builder.
     */
    public Clientele.Builder installInto(InMemoryAdapters memory, Clientele.Builder builder) {
        memory.installInto(builder);
        for (Method setter : Clientele.Builder.class.getMethods()) {
            if (setter.getParameterCount() != 1 || setter.getReturnType() != Clientele.Builder.class
                    || !setter.getParameterTypes()[0].isInterface()) {
                continue;
            }
            Class<?> port = setter.getParameterTypes()[0];
            List<Object> adapters = adaptersOf(memory, port);
            if (adapters.size() > 1) {
                throw new IllegalStateException("several in-memory adapters implement " + port.getName());
            }
            if (adapters.size() == 1) {
                invoke(setter, builder, wrapAny(port, adapters.get(0)));
            }
        }
        return builder;
    }

    /** The calls counted since the last {@link #reset}, by {@code "<Port>.<method>"}, sorted. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((name, count) -> out.put(name, count.sum()));
        return out;
    }

    /** The number of calls counted since the last {@link #reset} whose name {@code which} accepts. */
    public long total(Predicate<String> which) {
        return counts().entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** Forgets every count. */
    public void reset() {
        calls.clear();
    }

    /** The distinct adapters {@code memory} hands out (its public accessors) that implement {@code port}. */
    private static List<Object> adaptersOf(InMemoryAdapters memory, Class<?> port) {
        List<Object> found = new ArrayList<>();
        for (Method accessor : InMemoryAdapters.class.getMethods()) {
            if (accessor.getDeclaringClass() == InMemoryAdapters.class && accessor.getParameterCount() == 0
                    && !Modifier.isStatic(accessor.getModifiers()) && port.isAssignableFrom(accessor.getReturnType())) {
                Object adapter = invoke(accessor, memory);
                if (found.stream().noneMatch(a -> a == adapter)) {
                    found.add(adapter);
                }
            }
        }
        return found;
    }

    private <T> T wrapAny(Class<T> port, Object target) {
        return wrap(port, port.cast(target));
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not call " + method, e);
        }
    }
}
