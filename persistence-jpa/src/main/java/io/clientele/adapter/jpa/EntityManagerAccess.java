package io.clientele.adapter.jpa;

import jakarta.persistence.EntityManager;

/**
 * Where the JPA adapters find the {@link EntityManager} of the unit of work running on the current
 * thread. {@link JpaTransactionRunner} is one (its own resource-local units of work); a host that
 * runs Clientele inside its own transactions gives another, for example Spring's shared {@code
 * EntityManager} proxy ({@code () -> sharedEntityManager}), together with its own {@code
 * TransactionRunner}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EntityManagerAccess {

    /**
     * The entity manager of the unit of work open on the current thread. Fails with {@link
     * IllegalStateException} when none is open: every port call runs inside a unit of work.
     */
    EntityManager current();
}
