package io.clientele.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.benchmarks.stack.PostgresStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Regression for a leak the database-fault scenario showed: with the driver's defaults, a batch of
 * outbox inserts cut off by a dropped connection failed with a message holding every bound value
 * (recipients' addresses, subjects, mail bodies), and Hibernate and the pool logged it at WARN. The
 * pools the suite and the benchmarks run on, as a host should configure its own, keep values out.
 */
class ErrorMessagePrivacyTest {

    @Test
    void a_failed_batch_on_the_stacks_pool_names_no_bound_value_in_its_error() throws SQLException {
        String address = "private.person@leak.example";
        try (HikariDataSource pool = PostgresStack.shared().pool(1); Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE privacy_probe (address varchar(320) PRIMARY KEY)");
            }
            Throwable failure;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO privacy_probe (address) VALUES (?)")) {
                insert.setString(1, address);
                insert.addBatch();
                insert.setString(1, address);
                insert.addBatch();
                failure = catchThrowable(insert::executeBatch);
            }
            c.rollback();

            assertThat(failure).isInstanceOf(SQLException.class);
            for (Throwable t = failure; t != null; t = t.getCause() != null ? t.getCause()
                    : t instanceof SQLException e ? e.getNextException() : null) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(address);
            }
        }
    }
}
