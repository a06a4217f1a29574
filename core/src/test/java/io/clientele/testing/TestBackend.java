package io.clientele.testing;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;

/**
 * A storage backend {@link TestClientele} can run core's use-case tests on instead of the in-memory
 * adapters, chosen by the system property {@value #PROPERTY} and found through a
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.clientele.testing.TestBackend} in the
 * module that provides it). An implementation must be usable from one test after another in one JVM
 * (tests run one at a time); each {@link #install} starts from an empty store.
 */
public interface TestBackend {

    /** The system property naming the backend; absent or {@value #MEMORY} means the in-memory adapters. */
    String PROPERTY = "clientele.test.backend";

    /** The name of the default backend: the in-memory adapters alone. */
    String MEMORY = "memory";

    /** The name {@value #PROPERTY} selects this backend by (for example {@code "postgres"}). */
    String name();

    /**
     * Empties this backend's store and sets on {@code builder} the ports it provides (stores,
     * transaction runner, and whatever must wrap the host's ports, such as events published after
     * commit), on top of the in-memory wiring {@code host} already installed; the host-owned ports
     * (tenant settings, photo storage, booking anonymizer, mail sender, composer and templates,
     * payment gateway, event publisher) stay {@code host}'s, so tests keep reading them there.
     *
     * @param builder a builder on which {@code host.installInto} was called
     * @param host the in-memory adapters of the test, for the host-owned ports
     * @param clock the test's clock
     * @return the stores and the runner set on {@code builder}, which {@link TestClientele}'s
     *     helpers read through
     */
    TestStores install(Clientele.Builder builder, InMemoryAdapters host, MutableClock clock);
}
