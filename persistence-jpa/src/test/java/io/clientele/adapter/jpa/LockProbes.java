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
    /** How long an H2 statement runs before {@link #h2InsertsOfAKey()} takes it for one retrying on a key. */
    private static final int H2_STATEMENT_RETRYING_MILLIS = 250;

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

    /**
     * The probe on the test JVM's H2 for a wait on another unit of work's uncommitted insert of a
     * unique key. H2 does not queue such a waiter behind the inserting session (it shows no {@code
     * BLOCKER_ID}): the waiter's statement meets the uncommitted key, fails inside H2 with a
     * concurrent update and runs again, over and over, until the inserting unit ends or the lock
     * timeout passes. So besides a blocked session, this probe counts a session other than its own
     * whose one statement has run for longer than {@value #H2_STATEMENT_RETRYING_MILLIS} ms: while
     * the holder of a contract's race sits between statements, only the waiter's statement,
     * retrying against the holder's key, runs that long.
     */
    static LockProbe h2InsertsOfAKey() {
        return probe(Databases.h2(), "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                + " OR (SESSION_ID <> SESSION_ID() AND EXECUTING_STATEMENT IS NOT NULL AND EXECUTING_STATEMENT_START"
                + " < DATEADD(MILLISECOND, -" + H2_STATEMENT_RETRYING_MILLIS + ", CURRENT_TIMESTAMP))");
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
