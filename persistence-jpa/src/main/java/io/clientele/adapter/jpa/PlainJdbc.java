package io.clientele.adapter.jpa;

import jakarta.persistence.ColumnResult;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.SqlResultSetMapping;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;

/**
 * Native statements with named parameters ({@code :name}) run as plain JDBC on the unit of work's
 * own connection ({@code Session.doWork}): the adapters' busiest reads, whose rows Hibernate's
 * native queries handled at a cost above the database's own work. Every statement of {@link
 * ClientSql} (whole clients, list pages, locks, id and email look-ups, counts: {@link #list}, rows
 * as one of the client table's result set mappings in {@link ClientTables} describes them, the same
 * {@code Object[]} a native query of the persistence unit gives), and a campaign chunk's outbox
 * look-ups for its clients ({@link #query}). The inserts of {@link BatchInsert} go the same way.
 *
 * <p>As Hibernate does before a native query, pending changes of the unit are flushed first, so a
 * read sees them; a unique violation among them, or any refusal of the statement, is translated
 * as {@link SqlErrors#translate} does. A named parameter becomes one JDBC marker, a collection one
 * marker per element (callers keep lists to {@value ValuesList#MAX_ROWS} elements). The text must
 * hold no string literal, quoted name, comment or JDBC marker of its own ({@link #positional}
 * refuses them), so that no colon or question mark is misread. Stateless and thread-safe (the
 * column lists of the mappings are kept once read).
 *
 * <p>These statements bypass what Hibernate applies to its own: a {@code StatementInspector},
 * statistics, the slow-query log and a query timeout ({@code jakarta.persistence.query.timeout});
 * the README says so.
 */
final class PlainJdbc {

    /** What is done with each row of a result. */
    @FunctionalInterface
    interface Rows {
        /** Called once per row, {@code row} positioned on it. */
        void row(ResultSet row) throws SQLException;
    }

    private static final Map<String, ColumnResult[]> MAPPINGS = new ConcurrentHashMap<>();

    private PlainJdbc() {
    }

    /** The rows of {@code sql} with {@code parameters}, each read as the columns of {@code mapping}. */
    static List<Object[]> list(EntityManager em, String sql, Map<String, Object> parameters, String mapping) {
        ColumnResult[] columns = MAPPINGS.computeIfAbsent(mapping, PlainJdbc::columnsOf);
        List<Object[]> rows = new ArrayList<>();
        int[] at = new int[columns.length];
        query(em, sql, parameters, Map.of(), result -> {
            if (rows.isEmpty()) {
                for (int c = 0; c < columns.length; c++) {
                    at[c] = result.findColumn(columns[c].name());
                }
            }
            Object[] row = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                row[c] = read(result, at[c], columns[c].type());
            }
            rows.add(row);
        });
        return rows;
    }

    /**
     * Runs {@code sql} with {@code parameters}, each row given to {@code rows}; a unique violation of
     * one of {@code constraintFields}' constraints (in the flushed changes) is {@code DUPLICATE}.
     */
    static void query(EntityManager em, String sql, Map<String, Object> parameters,
            Map<String, String> constraintFields, Rows rows) {
        List<Object> values = new ArrayList<>();
        String jdbc = positional(sql, parameters, values);
        SqlErrors.flush(em, constraintFields);
        try {
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(jdbc)) {
                    for (int i = 0; i < values.size(); i++) {
                        BatchInsert.set(statement, i + 1, values.get(i), Types.VARCHAR);
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            rows.row(result);
                        }
                    }
                }
            });
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, constraintFields);
        }
    }

    private static Object read(ResultSet result, int column, Class<?> type) throws SQLException {
        if (type == Instant.class) {
            OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant();
        }
        if (type == String.class) {
            return result.getString(column);
        }
        if (type == LocalDate.class) {
            return result.getObject(column, LocalDate.class);
        }
        return result.getObject(column, type);
    }

    /**
     * {@code sql} with each {@code :name} replaced by JDBC markers (a collection's by one per
     * element), the values added to {@code values} in order. Refuses a text holding a quote, a
     * comment or a {@code ?}, where a colon or a marker could be misread, a parameter without a
     * value, and an empty list.
     */
    static String positional(String sql, Map<String, Object> parameters, List<Object> values) {
        for (String refused : new String[] {"'", "\"", "--", "/*", "?"}) {
            if (sql.contains(refused)) {
                throw new IllegalArgumentException("a native statement with named parameters holds " + refused);
            }
        }
        StringBuilder jdbc = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int end = i + 1;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                if (!parameters.containsKey(name)) {
                    throw new IllegalArgumentException("no value for the parameter :" + name);
                }
                Object value = parameters.get(name);
                if (value instanceof Collection<?> many) {
                    if (many.isEmpty()) {
                        throw new IllegalArgumentException("the list :" + name + " is empty");
                    }
                    boolean first = true;
                    for (Object one : many) {
                        jdbc.append(first ? "?" : ", ?");
                        values.add(one);
                        first = false;
                    }
                } else {
                    jdbc.append('?');
                    values.add(value);
                }
                i = end;
            } else {
                jdbc.append(c);
                i++;
            }
        }
        return jdbc.toString();
    }

    private static ColumnResult[] columnsOf(String mapping) {
        for (SqlResultSetMapping m : ClientTables.ClientRow.class.getAnnotationsByType(SqlResultSetMapping.class)) {
            if (m.name().equals(mapping)) {
                return m.columns();
            }
        }
        throw new IllegalArgumentException("no result set mapping " + mapping + " on the client table");
    }
}
