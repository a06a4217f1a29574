package io.clientele.testkit;

import io.clientele.common.TransactionRunner;
import java.util.Objects;

/**
 * An adapter of one port as a contract suite tests it, with the {@link TransactionRunner} whose
 * units of work it joins: the suite writes inside {@link TransactionRunner#inTransaction} and reads
 * inside {@link TransactionRunner#inReadOnlyTransaction}, as Clientele's use cases do. Immutable;
 * as thread-safe as the adapter and the runner.
 *
 * @param <P> the port type
 * @param port the adapter under test
 * @param transactions the runner of the units of work the adapter joins
 */
public record PortUnderTest<P>(P port, TransactionRunner transactions) {

    /** Refuses a missing port or runner. */
    public PortUnderTest {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(transactions, "transactions");
    }

    /** Shorthand for the constructor. */
    public static <P> PortUnderTest<P> of(P port, TransactionRunner transactions) {
        return new PortUnderTest<>(port, transactions);
    }
}
