/**
 * Contract suites of Clientele's ports: one abstract JUnit 5 class per port, which every adapter
 * of the port runs by extending it and answering its factory method, and the concurrency contracts
 * ({@code *ConcurrencyContract}) a SQL adapter must pass with two threads and real isolation. A
 * suite tests what the port's Javadoc promises: tenancy (another tenant's rows are invisible),
 * optimistic versions, unique keys, orders and page bounds, batch forms, rollback through the
 * adapter's {@link io.clientele.common.TransactionRunner}, and the erasure methods. One rule holds
 * for every port, also where its Javadoc only says "stores a new ...": a unique key already taken,
 * the primary key included, is a {@link io.clientele.common.ConflictException} {@code DUPLICATE}
 * and changes nothing; an insert never replaces a stored row.
 *
 * <p>An adapter's test module depends on {@code io.clientele:clientele-testkit} (test scope) and
 * runs a suite like this:
 *
 * <pre>{@code
 * class JpaClientRepositoryContractTest extends ClientRepositoryContract {
 *
 *     @Override
 *     protected PortUnderTest<ClientRepository> createAdapter() {
 *         return PortUnderTest.of(new JpaClientRepository(entityManagers), jpaTransactions);
 *     }
 * }
 * }</pre>
 *
 * <p>Every suite writes inside units of work and reads inside read-only ones, as the use cases do,
 * and makes new tenants for each test, so it also passes on a store other tests have written to,
 * except where a port method spans tenants (the outbox claim, the credit expiry sweep, the due
 * memberships): those suites ask for an empty store, as their factory method says. The
 * concurrency contracts need a runner whose units of work really run at the same time, and some
 * a {@link io.clientele.testkit.LockProbe} that sees a thread wait for a row lock.
 */
@NullMarked
package io.clientele.testkit.contract;

import org.jspecify.annotations.NullMarked;
