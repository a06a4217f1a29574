package io.clientele.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a latch in a test that forces an interleaving: a bounded wait that fails loudly. */
public final class Latches {

    /** How long a step of a forced interleaving may take before the test fails. */
    public static final long TIMEOUT_SECONDS = 10;

    private Latches() {
    }

    /** Waits for {@code latch}; an {@link AssertionError} saying {@code failure} if it does not open in time. */
    public static void await(CountDownLatch latch, String failure) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(failure, e);
        }
    }
}
