package io.clientele.reliability;

import io.clientele.benchmarks.stack.DelegatingDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * A data source in front of a pool that drops the database connection of a unit of work on cue:
 * once armed, when the unit of work prepares a statement whose SQL holds a given fragment, it
 * terminates that connection's backend from a connection of its own ({@code pg_terminate_backend},
 * the backend found in {@code pg_stat_activity} idle in its open transaction), then lets the
 * statement go on, to fail as a real outage makes it fail. Everything else passes through.
 * Thread-safe.
 */
final class BackendTerminator extends DelegatingDataSource {

    private final String jdbcUrl;
    private final String user;
    private String fragment;
    private int remaining;
    private int terminated;

    BackendTerminator(DataSource pool, String jdbcUrl, String user) {
        super(pool);
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** Terminates the backend of the next {@code times} statements whose SQL holds {@code sqlFragment}. */
    synchronized void arm(String sqlFragment, int times) {
        this.fragment = sqlFragment.toLowerCase(Locale.ROOT);
        this.remaining = times;
    }

    /** How many backends were terminated so far. */
    synchronized int terminated() {
        return terminated;
    }

    /** True when the last arming has been used up. */
    synchronized boolean spent() {
        return remaining == 0;
    }

    @Override
    protected Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args.length > 0
                    && args[0] instanceof String sql && due(sql)) {
                terminate(connection.unwrap(PGConnection.class).getBackendPID());
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(BackendTerminator.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private synchronized boolean due(String sql) {
        if (remaining > 0 && sql.toLowerCase(Locale.ROOT).contains(fragment)) {
            remaining--;
            return true;
        }
        return false;
    }

    /** Terminates {@code pid}, which must be inside a transaction, and waits until it is gone. */
    private void terminate(int pid) throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbcUrl, user, null);
                PreparedStatement s = admin.prepareStatement("SELECT pg_terminate_backend(pid, 5000)"
                        + " FROM pg_stat_activity WHERE pid = ? AND state LIKE 'idle in transaction%'")) {
            s.setInt(1, pid);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                    throw new IllegalStateException("the unit of work's backend was not found in its transaction");
                }
            }
        }
        synchronized (this) {
            terminated++;
        }
    }
}
