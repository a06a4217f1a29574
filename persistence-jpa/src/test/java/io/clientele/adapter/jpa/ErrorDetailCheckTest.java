package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorDetailCheck} reads the PostgreSQL driver's {@code logServerErrorDetail}: on by the
 * driver's default (a failed statement's values reach the logs, so {@code JpaAdapters.create}
 * warns), off when the data source sets it, and nothing to say on H2.
 */
class ErrorDetailCheckTest {

    @Test
    void a_postgresql_connection_with_the_driver_s_default_puts_values_into_error_messages() throws Exception {
        try (Connection c = DriverManager.getConnection(postgresUrl(), credentials(new Properties()))) {
            assertThat(ErrorDetailCheck.logsServerErrorDetail(c)).contains(true);
        }
    }

    @Test
    void a_postgresql_connection_with_log_server_error_detail_off_keeps_values_out() throws Exception {
        Properties properties = credentials(new Properties());
        properties.setProperty("logServerErrorDetail", "false");
        try (Connection c = DriverManager.getConnection(postgresUrl(), properties)) {
            assertThat(ErrorDetailCheck.logsServerErrorDetail(c)).contains(false);
        }
        try (Connection pooled = Databases.postgres().getConnection()) {
            assertThat(ErrorDetailCheck.logsServerErrorDetail(pooled)).as("the tests' own pool").contains(false);
        }
    }

    @Test
    void an_h2_connection_has_no_such_setting() throws Exception {
        try (Connection c = Databases.h2().getConnection()) {
            assertThat(ErrorDetailCheck.logsServerErrorDetail(c)).isEmpty();
        }
    }

    private static String postgresUrl() throws Exception {
        try (Connection c = Databases.postgres().getConnection()) {
            return c.getMetaData().getURL();
        }
    }

    private static Properties credentials(Properties properties) {
        properties.setProperty("user", "postgres");
        return properties;
    }
}
