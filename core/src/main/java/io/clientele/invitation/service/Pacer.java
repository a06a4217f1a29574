package io.clientele.invitation.service;

import java.time.Duration;

/**
 * Waits between batches so that {@link MailDispatcher} keeps to its rate limit. {@link #sleeping()}
 * is the default: it sleeps the calling thread and returns early, with the thread's interrupt flag
 * set, when the thread is interrupted (the dispatcher then stops). Tests inject a pacer that
 * advances their clock instead of sleeping, so no test waits for real time.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Pacer {

    /** Waits about {@code duration} as measured by the dispatcher's clock; a non-positive one is no wait. */
    void pause(Duration duration);

    /** A pacer that sleeps the calling thread. */
    static Pacer sleeping() {
        return duration -> {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            try {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
