package io.clientele.common;

import java.util.function.Supplier;

/**
 * Defines a unit of work. Every use case runs its reads and writes inside one call; when the work
 * throws, everything it wrote is rolled back and the exception propagates unchanged. Bulk work is
 * split into many short units, never one giant one.
 *
 * <p>SPI: the JPA adapter supplies a resource-local implementation, a host may plug its own (for
 * example Spring's), and {@code io.clientele.adapter.memory} has one for tests. Implementations
 * must be thread-safe. A call made while a unit of work is already open on the current thread
 * joins it.
 */
@FunctionalInterface
public interface TransactionRunner {

    /** Runs {@code work} in a unit of work and returns its result. */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code work} in a read-only unit of work and returns its result. Use cases that only
     * read call this, so a SQL adapter can mark the transaction read-only (PostgreSQL then refuses
     * any write or row lock in it) and a host can route it to a replica. A read-only call made
     * while a unit of work is already open on the current thread joins that unit.
     *
     * <p>By default it runs {@code work} as {@link #inTransaction} does, so an existing runner
     * keeps working unchanged.
     */
    default <T> T inReadOnlyTransaction(Supplier<T> work) {
        return inTransaction(work);
    }

    /** Runs {@code work} in a unit of work. */
    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
