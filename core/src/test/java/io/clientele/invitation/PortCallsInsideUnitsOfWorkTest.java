package io.clientele.invitation;

import static io.clientele.testing.TestClientele.CHEAP_ARGON2;
import static io.clientele.testing.TestClientele.INVITATIONS;
import static io.clientele.testing.TestClientele.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.port.ClientRepository;
import io.clientele.common.Ids;
import io.clientele.common.TransactionRunner;
import io.clientele.invitation.model.ActivationResult;
import io.clientele.invitation.port.TokenRepository;
import io.clientele.testing.MutableClock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Use cases call the stores only inside a unit of work: the in-memory adapters answer outside one,
 * a SQL adapter has no connection there (the JPA adapters fail with "no unit of work is open").
 */
class PortCallsInsideUnitsOfWorkTest {

    private final MutableClock clock = MutableClock.standard();
    private final InMemoryAdapters memory = InMemoryAdapters.create(CHEAP_ARGON2);
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private final List<String> callsOutside = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Clientele clientele = memory.installInto(Clientele.builder())
            .transactionRunner(new TrackingRunner(memory.transactions()))
            .tokenRepository(watched(TokenRepository.class, memory.tokens()))
            .clientRepository(watched(ClientRepository.class, memory.clients()))
            .clock(clock).ids(new Ids(clock)).invitations(INVITATIONS).build();

    @Test
    void activation_looks_its_link_up_inside_a_unit_of_work_not_outside_one() {
        ActivationResult result = clientele.activation().activate(TENANT, "A".repeat(43), "a long enough passphrase");

        assertThat(result).isInstanceOf(ActivationResult.Unknown.class);
        assertThat(calls).as("store calls seen").contains("TokenRepository.findByHash");
        assertThat(callsOutside).as("store calls made outside a unit of work").isEmpty();
    }

    private <T> T watched(Class<T> port, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String call = port.getSimpleName() + "." + method.getName();
            calls.add(call);
            if (depth.get() == 0) {
                callsOutside.add(call);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    /** Runs units on the in-memory runner and knows whether this thread is inside one. */
    private final class TrackingRunner implements TransactionRunner {

        private final TransactionRunner delegate;

        TrackingRunner(TransactionRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return delegate.inTransaction(() -> inside(work));
        }

        @Override
        public <T> T inReadOnlyTransaction(Supplier<T> work) {
            return delegate.inReadOnlyTransaction(() -> inside(work));
        }

        private <T> T inside(Supplier<T> work) {
            depth.set(depth.get() + 1);
            try {
                return work.get();
            } finally {
                depth.set(depth.get() - 1);
            }
        }
    }
}
