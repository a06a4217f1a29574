package io.clientele.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads a tenant's outbox straight from the database, with plain SQL beside the adapter under test,
 * so the suite's verdicts do not rest on the code they judge. Stateless; thread-safe.
 */
final class OutboxRows {

    /** One client's outbox row as stored. */
    record Row(String status, int attempts) {
    }

    private OutboxRows() {
    }

    /** How many of the tenant's rows are still pending. */
    static int pending(DataSource database, String tenant) {
        return byClient(database, tenant).values().stream().mapToInt(r -> r.status().equals("PENDING") ? 1 : 0).sum();
    }

    /** The tenant's rows by client (one row each in these scenarios). */
    static Map<UUID, Row> byClient(DataSource database, String tenant) {
        Map<UUID, Row> rows = new HashMap<>();
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT client_id, status, attempts FROM outbox WHERE tenant_id = ?")) {
            s.setString(1, tenant);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Row previous = rows.put(r.getObject(1, UUID.class), new Row(r.getString(2), r.getInt(3)));
                    if (previous != null) {
                        throw new IllegalStateException("a client holds two outbox rows");
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox", e);
        }
        return rows;
    }
}
