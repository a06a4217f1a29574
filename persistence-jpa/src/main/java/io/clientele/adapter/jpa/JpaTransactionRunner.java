package io.clientele.adapter.jpa;

import io.clientele.common.DomainEvent;
import io.clientele.common.EventPublisher;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource-local {@link io.clientele.common.TransactionRunner} of the JPA adapters: each unit
 * of work is one {@link EntityManager} and one database transaction, bound to the calling thread,
 * committed when the work returns and rolled back when it throws (the exception propagates
 * unchanged). A call made while a unit is open on the thread joins it. A read-only unit marks its
 * JDBC connection read-only, so PostgreSQL runs it as {@code BEGIN READ ONLY} and refuses any write
 * or row lock in it, and Hibernate keeps no snapshots of what it loads.
 *
 * <p>Domain events published through {@link #eventsAfterCommit(EventPublisher)} during a unit are
 * held by it and handed to the host's publisher only after the commit succeeded; a unit that rolls
 * back publishes none. The transaction isolation is the database's default (READ COMMITTED on
 * PostgreSQL): the adapters take row locks and version checks where the ports say so.
 *
 * <p>Resource-local only: an entity manager that refuses {@link EntityManager#getTransaction()}
 * (a JTA one) makes each call fail with the provider's {@link IllegalStateException}, after
 * closing it and with nothing left bound to the thread. A failure to close the entity manager
 * never hides the work's outcome: after a rollback it is added to the work's exception as
 * suppressed; after a commit it is logged, and the result and events stand.
 *
 * <p>Thread-safe: units of work of different threads are independent.
 */
public final class JpaTransactionRunner implements io.clientele.common.TransactionRunner, EntityManagerAccess {

    private static final Logger LOG = LoggerFactory.getLogger(JpaTransactionRunner.class);

    /** The unit of work open on a thread. */
    private static final class Unit {
        final EntityManager em;
        final boolean readOnly;
        final List<DomainEvent> events = new ArrayList<>();
        EventPublisher publisher;

        Unit(EntityManager em, boolean readOnly) {
            this.em = em;
            this.readOnly = readOnly;
        }
    }

    private final EntityManagerFactory factory;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    /** A runner opening its units of work on {@code factory}. */
    public JpaTransactionRunner(EntityManagerFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return run(work, false);
    }

    @Override
    public <T> T inReadOnlyTransaction(Supplier<T> work) {
        return run(work, true);
    }

    /** True when a unit of work is open on the current thread. */
    public boolean inUnitOfWork() {
        return current.get() != null;
    }

    @Override
    public EntityManager current() {
        Unit unit = current.get();
        if (unit == null) {
            throw new IllegalStateException("no unit of work is open on this thread: call ports inside "
                    + "TransactionRunner.inTransaction");
        }
        return unit.em;
    }

    /**
     * A publisher that holds each event in the unit of work open on the calling thread and hands
     * them to {@code host}, in order and with one {@link EventPublisher#publishAll} call, once that
     * unit has committed; an event published outside any unit goes to {@code host} at once.
     */
    public EventPublisher eventsAfterCommit(EventPublisher host) {
        Objects.requireNonNull(host, "host");
        return new EventPublisher() {
            @Override
            public void publish(DomainEvent event) {
                publishAll(List.of(event));
            }

            @Override
            public void publishAll(List<? extends DomainEvent> events) {
                Unit unit = current.get();
                if (unit == null) {
                    host.publishAll(events);
                    return;
                }
                if (unit.publisher != null && unit.publisher != host) {
                    throw new IllegalStateException("one unit of work publishes to one host publisher");
                }
                unit.publisher = host;
                unit.events.addAll(events);
            }
        };
    }

    private <T> T run(Supplier<T> work, boolean readOnly) {
        Objects.requireNonNull(work, "work");
        if (current.get() != null) {
            return work.get();
        }
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx;
        try {
            // a JTA entity manager refuses: nothing is bound to the thread yet, and it is closed
            tx = em.getTransaction();
        } catch (RuntimeException | Error e) {
            closeQuietly(em, e);
            throw e;
        }
        Unit unit = new Unit(em, readOnly);
        current.set(unit);
        T result;
        try {
            tx.begin();
            if (readOnly) {
                Session session = em.unwrap(Session.class);
                session.setDefaultReadOnly(true);
                session.doWork(connection -> connection.setReadOnly(true));
            }
            result = work.get();
            tx.commit();
        } catch (RuntimeException | Error e) {
            rollbackQuietly(tx, e);
            current.remove();
            closeQuietly(em, e);
            throw e;
        }
        current.remove();
        // a pool (HikariCP and the like) resets the connection's read-only flag when it is returned
        try {
            em.close();
        } catch (RuntimeException e) {
            // committed: the work's result and events stand
            LOG.warn("closing the entity manager after a commit failed ({})", e.getClass().getSimpleName());
        }
        if (!unit.events.isEmpty()) {
            unit.publisher.publishAll(List.copyOf(unit.events));
        }
        return result;
    }

    private static void closeQuietly(EntityManager em, Throwable cause) {
        try {
            em.close();
        } catch (RuntimeException close) {
            cause.addSuppressed(close);
        }
    }

    private static void rollbackQuietly(EntityTransaction tx, Throwable cause) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException rollback) {
            cause.addSuppressed(rollback);
            LOG.warn("rollback failed ({})", rollback.getClass().getSimpleName());
        }
    }
}
