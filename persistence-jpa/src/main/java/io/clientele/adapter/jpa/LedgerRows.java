package io.clientele.adapter.jpa;

import io.clientele.common.Cursor;
import io.clientele.common.ValidationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the credit, order and membership adapters share: reading rows without keeping them
 * managed, native statements whose rows are entities, and the keyset positions of their pages.
 * Stateless and thread-safe.
 *
 * <p>Rows read are detached at once: the adapters change rows with bulk {@code UPDATE}s (version
 * checks, the expiry sweep, the erasure), which bypass the persistence context, so a row kept
 * managed would be answered stale by a later read of the same unit of work.
 */
final class LedgerRows {

    private LedgerRows() {
    }

    /** {@code rows}, each detached from {@code em}. */
    static <R> List<R> detached(EntityManager em, List<R> rows) {
        rows.forEach(em::detach);
        return rows;
    }

    /**
     * Runs a native {@code SELECT} (or a statement that answers rows) whose every row is one
     * {@code rowClass} entity, binding {@code parameters} by name, and answers the rows detached.
     */
    // a native query with a result class answers entities of that class; the API types its list raw
    @SuppressWarnings("unchecked")
    static <R> List<R> nativeRows(EntityManager em, String sql, Class<R> rowClass, Map<String, Object> parameters) {
        Query query = em.createNativeQuery(sql, rowClass);
        parameters.forEach(query::setParameter);
        return detached(em, (List<R>) query.getResultList());
    }

    /** A native query's rows of several columns. */
    // a native query without a result class answers one Object[] per row of several columns
    @SuppressWarnings("unchecked")
    static List<Object[]> nativeTuples(Query query) {
        return (List<Object[]>) query.getResultList();
    }

    /** A period as ISO-8601 text ({@code P1M}), or null. */
    static String period(Optional<Period> period) {
        return period.map(Period::toString).orElse(null);
    }

    /** The period stored as ISO-8601 text, if any. */
    static Optional<Period> period(String text) {
        return Optional.ofNullable(text).map(Period::parse);
    }

    /** The position of a row in a list newest first by an instant, then an id. */
    record TimeAndId(Instant at, UUID id) {

        static TimeAndId decode(Cursor cursor) {
            List<String> parts = cursor.parts(2);
            try {
                return new TimeAndId(Instant.parse(parts.get(0)), UUID.fromString(parts.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw notAPosition();
            }
        }

        Cursor encode() {
            return Cursor.of(at.toString(), id.toString());
        }
    }

    /** The position of a row in a list newest first by a date, then an id. */
    record DateAndId(LocalDate date, UUID id) {

        static DateAndId decode(Cursor cursor) {
            List<String> parts = cursor.parts(2);
            try {
                return new DateAndId(LocalDate.parse(parts.get(0)), UUID.fromString(parts.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw notAPosition();
            }
        }

        Cursor encode() {
            return Cursor.of(date.toString(), id.toString());
        }
    }

    private static ValidationException notAPosition() {
        return new ValidationException("cursor", "format", "not a cursor returned by Clientele");
    }
}
