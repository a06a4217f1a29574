package io.clientele.adapter.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The {@code INSERT} of one table's append-only rows written by the hundred (outbox messages, audit
 * entries and their changes, issued links), as plain JDBC batches of {@value #BATCH} rows on the unit of work's
 * own connection ({@code Session.doWork}). Hibernate's {@code persist}, flush and detach of each
 * row cost the campaign more than the statements themselves (a chunk of 500 clients persisted 1,500
 * entities); these rows are never read back as managed entities, so nothing is lost. Pending
 * changes of the unit are flushed first, so statements keep the order of the calls. A unique
 * violation becomes {@code DUPLICATE} at the call, as {@link SqlErrors#insertAll} does.
 *
 * <p>Values are bound as the drivers of PostgreSQL and H2 both take them: an {@link Instant} as an
 * {@link OffsetDateTime} in UTC, a null with its column's {@link Types SQL type}. Immutable and
 * thread-safe (the rows live in the caller's unit of work).
 */
final class BatchInsert {

    /** The most rows one {@code executeBatch} sends ({@code reWriteBatchedInserts} folds them). */
    static final int BATCH = 500;

    /** A column's name and the {@link Types} code a null in it is bound with. */
    record Column(String name, int sqlType) {
    }

    private final String sql;
    private final int width;
    private final int[] types;

    /** The insert of {@code columns}' values, in that order, into {@code table}. */
    BatchInsert(String table, Column... columns) {
        List<Column> list = List.of(columns);
        this.width = list.size();
        this.sql = "INSERT INTO " + table + " (" + list.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + list.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        this.types = list.stream().mapToInt(Column::sqlType).toArray();
    }

    /**
     * Writes one row per element of {@code items}, {@code values} giving its cells in column order,
     * a unique violation of one of {@code constraintFields}' constraints (constraint name, lower
     * case, to the field it guards) raised as {@code DUPLICATE}.
     */
    <T> void insert(EntityManager em, List<T> items, Function<T, Object[]> values,
            Map<String, String> constraintFields) {
        if (items.isEmpty()) {
            return;
        }
        SqlErrors.flush(em, constraintFields);
        try {
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int pending = 0;
                    for (T item : items) {
                        bind(statement, values.apply(item));
                        statement.addBatch();
                        if (++pending == BATCH) {
                            statement.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        statement.executeBatch();
                    }
                }
            });
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, constraintFields);
        }
    }

    private void bind(PreparedStatement statement, Object[] cells) throws SQLException {
        if (cells.length != width) {
            throw new IllegalArgumentException("a row of " + width + " cells, not " + cells.length);
        }
        for (int i = 0; i < cells.length; i++) {
            set(statement, i + 1, cells[i], types[i]);
        }
    }

    /**
     * Binds {@code value} as the drivers of PostgreSQL and H2 both take it: an {@link Instant} as an
     * {@link OffsetDateTime} in UTC, a null as {@code sqlType}, anything else as it is.
     */
    static void set(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else if (value instanceof Instant instant) {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }
}
