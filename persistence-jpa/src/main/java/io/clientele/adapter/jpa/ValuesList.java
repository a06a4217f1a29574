package io.clientele.adapter.jpa;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code VALUES (...), (...)} list for a native statement that applies different values to many
 * rows at once (PostgreSQL's {@code UPDATE ... FROM (VALUES ...)}, H2's {@code MERGE ... USING
 * (VALUES ...)}): one named parameter per cell, each cast to its column's SQL type, so both
 * databases know every cell's type whatever the first row holds. Cells are never null (statements
 * use a kind column and {@code CASE} instead), because Jakarta Persistence cannot say the type of
 * a null parameter of a native query. The SQL types used ({@code uuid}, {@code varchar}, {@code
 * timestamp with time zone}) are spelled the same on PostgreSQL and H2.
 *
 * <p>Callers keep a list to at most {@link #MAX_ROWS} rows ({@link #chunks}), so a statement's
 * parameters stay far below the drivers' limits. Not thread-safe: one per statement.
 */
final class ValuesList {

    /** The most rows one statement carries; longer lists run as several statements. */
    static final int MAX_ROWS = 500;

    private final String prefix;
    private final List<String> types;
    private final StringBuilder sql = new StringBuilder("VALUES ");
    private final List<Object> cells = new ArrayList<>();
    private int rows;

    /**
     * A list whose parameters are named {@code prefix} followed by a number (names no other
     * parameter of the statement has), of columns of {@code types}.
     */
    ValuesList(String prefix, String... types) {
        this.prefix = prefix;
        this.types = List.of(types);
    }

    /** Adds one row; {@code values} are in column order, none null. */
    ValuesList add(Object... values) {
        if (values.length != types.size()) {
            throw new IllegalArgumentException("a row of " + types.size() + " columns");
        }
        sql.append(rows == 0 ? "(" : ", (");
        for (int i = 0; i < values.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("CAST(:").append(prefix).append(cells.size()).append(" AS ")
                    .append(types.get(i)).append(')');
            cells.add(Objects.requireNonNull(values[i], "a VALUES cell"));
        }
        sql.append(')');
        rows++;
        return this;
    }

    /** The {@code VALUES ...} text, to be put in parentheses with a derived column list. */
    String sql() {
        if (rows == 0) {
            throw new IllegalStateException("VALUES needs one row at least");
        }
        return sql.toString();
    }

    /** Binds every cell of the list to {@code query}; answers it. */
    Query bind(Query query) {
        for (int i = 0; i < cells.size(); i++) {
            query.setParameter(prefix + i, cells.get(i));
        }
        return query;
    }

    /** {@code list} in consecutive pieces of at most {@link #MAX_ROWS}. */
    static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += MAX_ROWS) {
            chunks.add(list.subList(from, Math.min(list.size(), from + MAX_ROWS)));
        }
        return chunks;
    }
}
