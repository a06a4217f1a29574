package io.clientele.adapter.jpa;

import io.clientele.common.ConfigurationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades Clientele's tables with the SQL migrations shipped in this jar, one set per
 * database: {@value #POSTGRESQL_LOCATION} and {@value #H2_LOCATION} (plain SQL files named {@code
 * V<n>__<what>.sql}; a host with its own migration tool takes them from there). Flyway records what
 * it applied in its own table {@value #HISTORY_TABLE}, so it never touches a host's own Flyway
 * history. The PostgreSQL migrations create the extension {@code pg_trgm} (the migrating role
 * needs the right to, or a superuser creates it beforehand).
 *
 * <p>Stateless and thread-safe; migrating twice is harmless (the second run finds nothing to do).
 */
public final class ClienteleMigrations {

    /** Where the PostgreSQL migrations are, on the classpath. */
    public static final String POSTGRESQL_LOCATION = "db/clientele/postgresql";
    /** Where the H2 migrations are, on the classpath. */
    public static final String H2_LOCATION = "db/clientele/h2";
    /** Flyway's history table for Clientele's migrations. */
    public static final String HISTORY_TABLE = "clientele_schema_history";

    private ClienteleMigrations() {
    }

    /**
     * Applies every pending migration to {@code dataSource}, choosing the set by the database's
     * product name (PostgreSQL or H2; any other is a {@link ConfigurationException}). Answers how
     * many migrations it applied.
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        MigrateResult result = Flyway.configure(ClienteleMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + location(dataSource))
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** The classpath folder of the migrations for the database behind {@code dataSource}. */
    public static String location(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new ConfigurationException("cannot read which database the data source is: " + e.getMessage());
        }
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL_LOCATION;
        }
        if (name.equals("h2")) {
            return H2_LOCATION;
        }
        throw new ConfigurationException("Clientele ships migrations for PostgreSQL and H2, not for " + product);
    }
}
