package io.clientele.adapter.jpa;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A read of rows for a set of clients ({@code ... client_id IN (?, ...)}), as plain JDBC on the unit
 * of work's connection ({@code Session.doWork}), at most {@value ValuesList#MAX_ROWS} clients per
 * statement. A campaign chunk asks the outbox about its 500 clients twice; as a query of the
 * persistence unit each such read was translated and its list of parameters expanded anew, which
 * cost more than the statement on the database. The statement's text has {@code {clients}} where
 * the list of markers goes; the parameters before the list are bound first, those after it next.
 * Stateless and thread-safe.
 */
final class ClientSetQuery {

    /** What is done with each row of the result. */
    @FunctionalInterface
    interface Rows {
        void row(ResultSet row) throws SQLException;
    }

    private ClientSetQuery() {
    }

    /**
     * Runs {@code sql} once per {@value ValuesList#MAX_ROWS} of {@code clients}, with {@code before}
     * bound ahead of the clients' ids and {@code after} behind them, each row given to {@code rows}.
     */
    static void run(EntityManager em, String sql, List<Object> before, List<UUID> clients, List<Object> after,
            Rows rows) {
        for (List<UUID> chunk : ValuesList.chunks(clients)) {
            String text = sql.replace("{clients}", String.join(", ", Collections.nCopies(chunk.size(), "?")));
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(text)) {
                    int index = 1;
                    for (Object value : before) {
                        BatchInsert.set(statement, index++, value, Types.VARCHAR);
                    }
                    for (UUID client : chunk) {
                        statement.setObject(index++, client);
                    }
                    for (Object value : after) {
                        BatchInsert.set(statement, index++, value, Types.VARCHAR);
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            rows.row(result);
                        }
                    }
                }
            });
        }
    }
}
