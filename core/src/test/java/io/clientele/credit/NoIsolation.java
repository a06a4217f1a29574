package io.clientele.credit;

import io.clientele.common.TransactionRunner;
import java.util.function.Supplier;

/**
 * A {@link TransactionRunner} whose units of work neither wait for each other nor roll back: each
 * repository call stands on its own, as row writes with optimistic version checks do in a
 * database under concurrent transactions. The in-memory runner serializes units of work, which
 * would hide races; this one lets them happen, so only the version check keeps credits safe.
 */
public final class NoIsolation implements TransactionRunner {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
