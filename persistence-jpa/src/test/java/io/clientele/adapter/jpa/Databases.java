package io.clientele.adapter.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * The test JVM's databases, each started and migrated once and shared by every test class: one
 * embedded PostgreSQL 17 (zonky) and one in-memory H2, each behind a HikariCP pool, each with one
 * {@link JpaAdapters}. Tests keep apart by using tenants of their own; the suites whose methods
 * span tenants empty their tables first ({@link #truncate}). Thread-safe.
 */
final class Databases {

    /** Connections per pool: enough for the concurrency contracts' threads. */
    private static final int POOL_SIZE = 16;

    private static EmbeddedPostgres postgres;
    private static HikariDataSource postgresPool;
    private static JpaAdapters postgresAdapters;
    private static HikariDataSource h2Pool;
    private static JpaAdapters h2Adapters;

    private Databases() {
    }

    /** The pool of the embedded PostgreSQL 17, migrated. */
    static synchronized DataSource postgres() {
        if (postgresPool == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            postgresPool = pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres");
            ClienteleMigrations.migrate(postgresPool);
            Runtime.getRuntime().addShutdownHook(new Thread(Databases::stopPostgres, "embedded-postgres-stop"));
        }
        return postgresPool;
    }

    /** The pool of the in-memory H2 database, migrated. */
    static synchronized DataSource h2() {
        if (h2Pool == null) {
            h2Pool = pool("jdbc:h2:mem:clientele;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa");
            ClienteleMigrations.migrate(h2Pool);
        }
        return h2Pool;
    }

    /** The adapters on PostgreSQL. */
    static synchronized JpaAdapters postgresAdapters() {
        if (postgresAdapters == null) {
            postgresAdapters = JpaAdapters.create(postgres());
        }
        return postgresAdapters;
    }

    /** The adapters on H2. */
    static synchronized JpaAdapters h2Adapters() {
        if (h2Adapters == null) {
            h2Adapters = JpaAdapters.create(h2());
        }
        return h2Adapters;
    }

    /** Empties {@code tables} of {@code adapters}' database, for suites that expect an empty store. */
    static void truncate(JpaAdapters adapters, String... tables) {
        adapters.transactions().run(() -> {
            for (String table : tables) {
                adapters.entityManagers().current().createNativeQuery("DELETE FROM " + table).executeUpdate();
            }
        });
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setAutoCommit(false);
        if (url.startsWith("jdbc:postgresql")) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            // as the README asks of hosts: a failed statement's values stay out of messages and logs
            config.addDataSourceProperty("logServerErrorDetail", "false");
        }
        return new HikariDataSource(config);
    }

    private static synchronized void stopPostgres() {
        try {
            postgresPool.close();
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
