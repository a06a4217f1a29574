package io.clientele.adapter.jpa;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether PostgreSQL's driver puts the values of a failed statement into its exception messages.
 * By default it does ({@code logServerErrorDetail=true}): a failed batch, such as one cut off by a
 * dropped connection, then carries every bound value (clients' addresses, mail subjects and
 * bodies) into messages that Hibernate and connection pools log at WARN. Clientele's adapters
 * cannot change a host's pool, so {@link JpaAdapters#create(DataSource)} warns once when it finds
 * the setting on. Read through the driver's own connection by reflection, as this module does not
 * depend on the driver. Stateless; thread-safe.
 */
final class ErrorDetailCheck {

    private static final Logger LOG = LoggerFactory.getLogger(JpaAdapters.class);
    private static final String BASE_CONNECTION = "org.postgresql.core.BaseConnection";

    private ErrorDetailCheck() {
    }

    /** Warns when {@code dataSource} is PostgreSQL's with {@code logServerErrorDetail} on; never fails. */
    static void warnIfValuesReachLogs(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (logsServerErrorDetail(connection).orElse(false)) {
                LOG.warn("the PostgreSQL driver puts the values of a failed statement (clients' addresses, mail"
                        + " bodies) into its error messages, which get logged: set the connection property"
                        + " logServerErrorDetail=false on the data source");
            }
        } catch (SQLException e) {
            LOG.debug("could not read the driver's logServerErrorDetail setting ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * On a PostgreSQL connection, whether its driver writes a failed statement's values into error
     * messages; empty on another database or a driver without the setting.
     */
    static Optional<Boolean> logsServerErrorDetail(Connection connection) throws SQLException {
        Class<?> base;
        try {
            base = Class.forName(BASE_CONNECTION, false, connection.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        if (!connection.isWrapperFor(base)) {
            return Optional.empty();
        }
        try {
            Method getter = base.getMethod("getLogServerErrorDetail");
            return Optional.of((Boolean) getter.invoke(connection.unwrap(base)));
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
