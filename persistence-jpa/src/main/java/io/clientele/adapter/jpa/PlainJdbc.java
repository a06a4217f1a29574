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
 * A native statement with named parameters ({@code :name}) run as plain JDBC on the unit of work's
 * connection ({@code Session.doWork}), its rows read as one of the client table's result set
 * mappings ({@link ClientTables}) describes them: the same {@code Object[]} rows a native query of
 * the persistence unit gives, without its per-row work. Client reads are the adapters' busiest
 * statements (a campaign chunk reads 500 whole clients, and Hibernate's handling of such a result
 * cost more than the database's); profile views and list pages read through it too.
 *
 * <p>Pending changes of the unit are flushed first, as Hibernate does before a native query. A named parameter becomes one JDBC marker, a collection one marker per element. Statements
 * come from {@link ClientSql}, whose text has no string literal or cast holding a colon. Stateless
 * and thread-safe (the column lists of the mappings are kept once read).
 */
final class NativeRows {

    private static final Map<String, ColumnResult[]> MAPPINGS = new ConcurrentHashMap<>();

    private NativeRows() {
    }

    /** The rows of {@code sql} with {@code parameters}, each read as the columns of {@code mapping}. */
    static List<Object[]> list(EntityManager em, String sql, Map<String, Object> parameters, String mapping) {
        ColumnResult[] columns = MAPPINGS.computeIfAbsent(mapping, NativeRows::columnsOf);
        List<Object> values = new ArrayList<>();
        String jdbc = positional(sql, parameters, values);
        List<Object[]> rows = new ArrayList<>();
        try {
            // as a native query of the persistence unit would: pending changes first, so the read sees them
            em.flush();
            em.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(jdbc)) {
                    for (int i = 0; i < values.size(); i++) {
                        BatchInsert.set(statement, i + 1, values.get(i), Types.VARCHAR);
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        int[] at = new int[columns.length];
                        for (int c = 0; c < columns.length; c++) {
                            at[c] = result.findColumn(columns[c].name());
                        }
                        while (result.next()) {
                            Object[] row = new Object[columns.length];
                            for (int c = 0; c < columns.length; c++) {
                                row[c] = read(result, at[c], columns[c].type());
                            }
                            rows.add(row);
                        }
                    }
                }
            });
        } catch (PersistenceException e) {
            throw SqlErrors.translate(e, Map.of());
        }
        return rows;
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

    /** {@code sql} with each {@code :name} replaced by JDBC markers, the values added to {@code values} in order. */
    static String positional(String sql, Map<String, Object> parameters, List<Object> values) {
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
