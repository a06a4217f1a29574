package io.clientele.common;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Generates UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then
 * 62 random bits. Ids from one generator are strictly increasing, even within one millisecond or
 * when the clock steps back, so they sort in creation order and insert at the end of B-tree
 * indexes.
 *
 * <p>Thread-safe. Time comes from the injected {@link Clock}.
 */
public final class Ids {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    private long lastMillis = -1;
    private int counter;

    public Ids(Clock clock) {
        this.clock = Validate.notNull("clock", clock);
    }

    /** A new UUIDv7, greater than every id this generator returned before. */
    public UUID next() {
        long millis;
        int seq;
        lock.lock();
        try {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                counter++;
                if (counter > 0xFFF) {
                    millis++;
                    counter = 0;
                }
            } else {
                counter = 0;
            }
            lastMillis = millis;
            seq = counter;
        } finally {
            lock.unlock();
        }
        long msb = (millis << 16) | 0x7000L | seq;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
