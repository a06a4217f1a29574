package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link JpaTransactionRunner} on stand-in entity managers that fail where a real provider rarely
 * does, which no database can be made to do on demand:
 * <ul>
 *   <li>one that refuses a resource-local transaction (as a JTA one does, with {@link
 *       IllegalStateException}): the call fails with that exception, the entity manager is closed,
 *       and nothing stays bound to the thread, so the next call fails the same way instead of
 *       running its work as if inside a unit of work;</li>
 *   <li>one whose {@code close()} throws: after a rollback the work's exception still propagates
 *       (the close failure suppressed in it); after a commit the result is returned.</li>
 * </ul>
 */
class JpaTransactionRunnerStandInTest {

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
                switch (method.getName()) {
                    case "toString" -> type.getSimpleName() + " stand-in";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> handler.invoke(self, method, args);
                }));
    }

    /** A transaction that counts its commits and rollbacks. */
    private EntityTransaction transaction() {
        AtomicBoolean active = new AtomicBoolean();
        return proxy(EntityTransaction.class, (self, method, args) -> switch (method.getName()) {
            case "begin" -> {
                active.set(true);
                yield null;
            }
            case "commit" -> {
                active.set(false);
                commits.incrementAndGet();
                yield null;
            }
            case "rollback" -> {
                active.set(false);
                rollbacks.incrementAndGet();
                yield null;
            }
            case "isActive" -> active.get();
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    /**
     * A factory of entity managers whose {@code getTransaction()} throws when {@code refuse}, and
     * whose {@code close()} throws after counting when {@code closeFails}.
     */
    private EntityManagerFactory factory(boolean refuse, boolean closeFails) {
        return proxy(EntityManagerFactory.class, (self, method, args) -> {
            if (!method.getName().equals("createEntityManager") || (args != null && args.length > 0)) {
                throw new UnsupportedOperationException(method.getName());
            }
            opened.incrementAndGet();
            EntityTransaction tx = transaction();
            return proxy(EntityManager.class, (em, call, callArgs) -> {
                switch (call.getName()) {
                    case "getTransaction" -> {
                        if (refuse) {
                            throw new IllegalStateException("a JTA entity manager has no EntityTransaction");
                        }
                        return tx;
                    }
                    case "close" -> {
                        closed.incrementAndGet();
                        if (closeFails) {
                            throw new IllegalStateException("the connection could not be returned");
                        }
                        return null;
                    }
                    default -> throw new UnsupportedOperationException(call.getName());
                }
            });
        });
    }

    @Test
    void a_refused_transaction_closes_the_entity_manager_and_leaves_no_unit_of_work_on_the_thread() {
        JpaTransactionRunner runner = new JpaTransactionRunner(factory(true, false));
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

    @Test
    void a_failing_close_after_a_rollback_does_not_hide_the_works_exception() {
        JpaTransactionRunner runner = new JpaTransactionRunner(factory(false, true));
        IllegalArgumentException refused = new IllegalArgumentException("the work refuses");

        assertThatThrownBy(() -> runner.inTransaction(() -> {
            throw refused;
        })).isSameAs(refused);

        assertThat(refused.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s).hasMessage("the connection could not be returned"));
        assertThat(rollbacks).hasValue(1);
        assertThat(commits).hasValue(0);
        assertThat(closed).hasValue(1);
        assertThat(runner.inUnitOfWork()).isFalse();
    }

    @Test
    void a_failing_close_after_a_commit_still_answers_the_works_result() {
        JpaTransactionRunner runner = new JpaTransactionRunner(factory(false, true));

        assertThat(runner.inTransaction(() -> "committed")).isEqualTo("committed");

        assertThat(commits).hasValue(1);
        assertThat(rollbacks).hasValue(0);
        assertThat(closed).hasValue(1);
        assertThat(runner.inUnitOfWork()).isFalse();
    }
}
