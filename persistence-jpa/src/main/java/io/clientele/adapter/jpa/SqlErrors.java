package io.clientele.adapter.jpa;

import io.clientele.common.ConflictException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the database refuses into the core's typed errors, at the port call that caused it:
 * adapters flush their writes before returning ({@link #flush}), so a unique key taken is a {@link
 * ConflictException} {@code DUPLICATE} naming the domain field, never a failed commit later. A
 * constraint is recognised by its name as the database reports it ({@link #constraintName}), so every
 * unique constraint of the migrations has a name; a violation whose constraint is not one the
 * caller maps (a primary key) is {@code DUPLICATE} on {@code id}. Stateless and thread-safe.
 */
final class SqlErrors {

    /** SQLSTATE of a unique violation, in PostgreSQL and H2 alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private static final Pattern H2_CONSTRAINT =
            Pattern.compile("Unique index or primary key violation: \"PUBLIC\\.([A-Z0-9_]+?)_INDEX_[0-9A-F]+ ON ");

    private SqlErrors() {
    }

    /**
     * Flushes {@code em}, translating a unique violation of one of {@code constraintFields}'
     * constraints (constraint name, lower case, to the field it guards) into {@code DUPLICATE}.
     */
    static void flush(EntityManager em, Map<String, String> constraintFields) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw translate(e, constraintFields);
        }
    }

    /**
     * Writes {@code rows} (entities, in order) as one JDBC batch flushed at the call, a unique
     * violation of one of {@code constraintFields}' constraints turned into {@code DUPLICATE}, and
     * then detaches them: nothing written stays managed, so a later bulk {@code UPDATE} of the same
     * unit of work (a version check, a sweep, an erasure) can never leave a stale copy behind.
     */
    static void insertAll(EntityManager em, List<?> rows, Map<String, String> constraintFields) {
        try {
            rows.forEach(em::persist);
        } catch (PersistenceException e) {
            throw translate(e, constraintFields);
        }
        flush(em, constraintFields);
        rows.forEach(em::detach);
    }

    /** The typed error for {@code e}, or {@code e} itself when it is not one the core names. */
    static RuntimeException translate(RuntimeException e, Map<String, String> constraintFields) {
        SQLException sql = sqlException(e);
        if (sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            String constraint = constraintName(sql);
            String field = constraint == null ? null : constraintFields.get(constraint);
            if (field != null) {
                return ConflictException.duplicate(field, field + " is taken");
            }
            return ConflictException.duplicate("id", "a row with this key exists");
        }
        return e;
    }

    /**
     * The name of the violated constraint, lower case, from the database's own report, never from
     * the message text around it (which quotes the row's values, and on PostgreSQL may be in the
     * server's language): PostgreSQL's driver gives it as a field of the server's error ({@code
     * PSQLException.getServerErrorMessage().getConstraint()}, read reflectively since the driver is
     * the host's choice; a batch carries that error as its next exception); H2 names the index at
     * the start of its message ({@code Unique index or primary key violation: "PUBLIC.<NAME>_INDEX_<n>
     * ON ...}), before the values it lists. Null when neither says.
     */
    static String constraintName(SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
            String postgres = postgresConstraint(s);
            if (postgres != null) {
                return postgres.toLowerCase(Locale.ROOT);
            }
            Matcher h2 = H2_CONSTRAINT.matcher(String.valueOf(s.getMessage()));
            if (h2.lookingAt()) {
                return h2.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String postgresConstraint(SQLException s) {
        try {
            Object error = s.getClass().getMethod("getServerErrorMessage").invoke(s);
            return error == null ? null : (String) error.getClass().getMethod("getConstraint").invoke(error);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    private static SQLException sqlException(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++) {
            if (t instanceof SQLException s) {
                return s;
            }
            t = t.getCause();
        }
        return null;
    }
}
