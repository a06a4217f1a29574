package io.clientele.reliability;

import io.clientele.common.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the reliability tests read straight from PostgreSQL, beside the API: outbox rows as the
 * dispatcher left them (status, claim, attempts) and the sessions of a killed JVM.
 */
final class OutboxProbe {

    /** One outbox row of a tenant, as stored. */
    record Row(UUID id, UUID clientId, String status, UUID claimedBy, int attempts) {
    }

    private final DataSource database;

    OutboxProbe(DataSource database) {
        this.database = database;
    }

    /** Every outbox row of {@code tenant}. */
    List<Row> rows(TenantId tenant) {
        return query("SELECT id, client_id, status, claimed_by, attempts FROM outbox WHERE tenant_id = ?",
                tenant.value(), r -> new Row(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3),
                        r.getObject(4, UUID.class), r.getInt(5)));
    }

    /**
     * The rows of {@code tenant} in flight: claimed by a dispatcher and not marked since (their mail
     * may or may not have gone out).
     */
    List<Row> inFlight(TenantId tenant) {
        return rows(tenant).stream().filter(r -> r.status().equals("PENDING") && r.claimedBy() != null).toList();
    }

    /** How many outbox rows {@code tenant} has. */
    long count(TenantId tenant) {
        return query("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.value(), r -> r.getLong(1)).get(0);
    }

    /** How many PostgreSQL sessions carry {@code applicationName}. */
    long sessions(String applicationName) {
        return query("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", applicationName,
                r -> r.getLong(1)).get(0);
    }

    private interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String sql, String parameter, Mapper<T> mapper) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            List<T> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(mapper.map(r));
                }
            }
            c.rollback();
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox", e);
        }
    }
}
