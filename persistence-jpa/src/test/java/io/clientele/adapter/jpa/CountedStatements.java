package io.clientele.adapter.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * The test JVM's PostgreSQL behind a counting data source (datasource-proxy), with a second {@link
 * JpaAdapters} on it: every statement the adapters send is recorded once, a JDBC batch once
 * whatever its size (datasource-proxy reports one execution per {@code execute*} or {@code
 * executeBatch} call), and each commit as a {@link #COMMIT} marker, so a recording can be cut into
 * its units of work. Only the statements of the thread that started a recording are kept.
 * Thread-safe.
 */
final class CountedStatements {

    /** The marker a recording holds where a connection committed. */
    static final String COMMIT = "<commit>";

    private static final List<String> SENT = new ArrayList<>();
    private static Thread recorded;
    private static JpaAdapters adapters;

    private CountedStatements() {
    }

    /** The adapters on the counting data source, built once per JVM. */
    static synchronized JpaAdapters postgresAdapters() {
        if (adapters == null) {
            DataSource counting = ProxyDataSourceBuilder.create(Databases.postgres())
                    .afterQuery((execution, queries) -> add(queries.get(0).getQuery()))
                    .afterMethod(method -> {
                        if (method.getMethod().getName().equals("commit")
                                && method.getTarget() instanceof java.sql.Connection) {
                            add(COMMIT);
                        }
                    })
                    .build();
            adapters = JpaAdapters.create(counting);
        }
        return adapters;
    }

    private static void add(String statement) {
        synchronized (SENT) {
            if (Thread.currentThread() == recorded) {
                SENT.add(statement);
            }
        }
    }

    /** What {@code work} sent from this thread: one entry per statement or JDBC batch, and the commits. */
    static <T> List<String> of(Supplier<T> work) {
        synchronized (SENT) {
            SENT.clear();
            recorded = Thread.currentThread();
        }
        try {
            work.get();
        } finally {
            synchronized (SENT) {
                recorded = null;
            }
        }
        synchronized (SENT) {
            return List.copyOf(SENT);
        }
    }

    /** The statements of a recording, the commit markers left out. */
    static List<String> statements(List<String> recording) {
        return recording.stream().filter(s -> !s.equals(COMMIT)).toList();
    }

    /** A recording cut at its commits: the statements of each committed unit of work, in order. */
    static List<List<String>> units(List<String> recording) {
        List<List<String>> units = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String s : recording) {
            if (s.equals(COMMIT)) {
                units.add(List.copyOf(current));
                current.clear();
            } else {
                current.add(s);
            }
        }
        return units;
    }
}
