package io.clientele.testing;

import io.clientele.common.TransactionRunner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link TransactionRunner} that counts the units of work opened through it, read-write and
 * read-only apart, and runs them on the runner it wraps: tests use it to show which use cases only
 * read. Thread-safe.
 */
public final class CountingTransactions implements TransactionRunner {

    private final TransactionRunner delegate;
    /** Read-write units opened so far. */
    public final AtomicInteger readWrite = new AtomicInteger();
    /** Read-only units opened so far. */
    public final AtomicInteger readOnly = new AtomicInteger();

    /** Counts the units opened through it and runs them on {@code delegate}. */
    public CountingTransactions(TransactionRunner delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        readWrite.incrementAndGet();
        return delegate.inTransaction(work);
    }

    @Override
    public <T> T inReadOnlyTransaction(Supplier<T> work) {
        readOnly.incrementAndGet();
        return delegate.inReadOnlyTransaction(work);
    }

    /** Starts counting again from zero. */
    public void reset() {
        readWrite.set(0);
        readOnly.set(0);
    }
}
