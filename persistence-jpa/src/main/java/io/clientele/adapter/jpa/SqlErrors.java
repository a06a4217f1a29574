package io.clientele.adapter.jpa;

import io.clientele.common.ConflictException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what the database refuses into the core's typed errors, at the port call that caused it:
 * adapters flush their writes before returning ({@link #flush}), so a unique key taken is a {@link
 * ConflictException} {@code DUPLICATE} naming the domain field, never a failed commit later. A
 * constraint is recognised by its name (PostgreSQL and H2 both put it in the message), so every
 * unique constraint of the migrations has a name. Stateless and thread-safe.
 */
final class SqlErrors {

    /** SQLSTATE of a unique violation, in PostgreSQL and H2 alike. */
    static final String UNIQUE_VIOLATION = "23505";

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

    /** The typed error for {@code e}, or {@code e} itself when it is not one the core names. */
    static RuntimeException translate(RuntimeException e, Map<String, String> constraintFields) {
        SQLException sql = sqlException(e);
        if (sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
            String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> c : constraintFields.entrySet()) {
                if (message.contains(c.getKey())) {
                    return ConflictException.duplicate(c.getValue(), c.getValue() + " is taken");
                }
            }
            return ConflictException.duplicate("id", "a row with this key exists");
        }
        return e;
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
