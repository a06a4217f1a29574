package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link JpaTransactionRunner} given an entity manager that refuses a resource-local transaction
 * (as a JTA one does, with {@link IllegalStateException}): the call fails with that exception, the
 * entity manager is closed, and nothing stays bound to the thread, so the next call fails the same
 * way instead of running its work as if inside a unit of work. The factory is a stand-in written
 * here: no JPA provider hands out such an entity manager without a JTA platform.
 */
class JpaTransactionRunnerRefusedTransactionTest {

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
                switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " stand-in";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> handler.invoke(self, method, args);
                }));
    }

    private EntityManagerFactory jtaLikeFactory() {
        EntityManager em = proxy(EntityManager.class, (self, method, args) -> {
            switch (method.getName()) {
                case "getTransaction" -> throw new IllegalStateException("a JTA entity manager has no EntityTransaction");
                case "close" -> {
                    closed.incrementAndGet();
                    return null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            }
        });
        return proxy(EntityManagerFactory.class, (self, method, args) -> {
            if (method.getName().equals("createEntityManager") && (args == null || args.length == 0)) {
                opened.incrementAndGet();
                return em;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    @Test
    void a_refused_transaction_closes_the_entity_manager_and_leaves_no_unit_of_work_on_the_thread() {
        JpaTransactionRunner runner = new JpaTransactionRunner(jtaLikeFactory());
        AtomicBoolean ran = new AtomicBoolean();

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> runner.inTransaction(() -> ran.getAndSet(true)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a JTA entity manager has no EntityTransaction");
            assertThat(runner.inUnitOfWork()).isFalse();
        }
        assertThatThrownBy(() -> runner.inReadOnlyTransaction(() -> ran.getAndSet(true)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(ran).isFalse();
        assertThat(opened).hasValue(3);
        assertThat(closed).hasValue(3);
    }
}
