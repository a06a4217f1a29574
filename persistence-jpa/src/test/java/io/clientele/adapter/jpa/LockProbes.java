package io.clientele.adapter.jpa;

import io.clientele.testkit.LockProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * {@link LockProbe}s for the concurrency contracts on the real databases: they watch the database's
 * own view of who waits for a lock (PostgreSQL: a lock in {@code pg_locks} not granted; H2: a
 * session in {@code INFORMATION_SCHEMA.SESSIONS} with a {@code BLOCKER_ID}), polling on a
 * connection of their own until one shows or {@link LockProbe#TIMEOUT} passes. The contracts run one
 * waiter at a time and test classes run one after another, so any waiter seen is the contract's.
 */
final class LockProbes {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private LockProbes() {
    }

    /** The probe on the test JVM's PostgreSQL. */
    static LockProbe postgres() {
        return probe(Databases.postgres(), "SELECT count(*) FROM pg_locks WHERE NOT granted");
    }

    /** The probe on the test JVM's H2. */
    static LockProbe h2() {
        return probe(Databases.h2(), "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL");
    }

    private static LockProbe probe(DataSource dataSource, String waitersQuery) {
        return waiter -> {
            long deadline = System.nanoTime() + LockProbe.TIMEOUT.toNanos();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                while (System.nanoTime() < deadline) {
                    if (!waiter.isAlive()) {
                        throw new AssertionError(waiter.getName() + " ended without waiting for a row lock");
                    }
                    try (ResultSet r = s.executeQuery(waitersQuery)) {
                        if (r.next() && r.getLong(1) > 0) {
                            return;
                        }
                    }
                    LockSupport.parkNanos(POLL_NANOS);
                }
            } catch (SQLException e) {
                throw new AssertionError("the lock probe could not read the database's lock view", e);
            }
            throw new AssertionError(waiter.getName() + " did not wait for a row lock within " + LockProbe.TIMEOUT);
        };
    }
}
