package io.clientele.adapter.jpa;

import io.clientele.common.Cursor;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The position of a keyset page sorted newest first by a time, then by id, both descending: the
 * time and id of the page's last row, in clear (the use case seals it before it leaves
 * Clientele), written as the in-memory adapters write it. A position that is not one is a {@link
 * ValidationException} on field {@code cursor}, rule {@code format}.
 *
 * <p>The next page's rows are those with {@code (at, id) < (position.at, position.id)}; in JPQL
 * {@code at <= :at and (at < :at or id < :id)}, whose first term bounds the index range scan.
 */
record TimeIdPosition(Instant at, UUID id) {

    /** The position {@code page} asks to continue after, if any. */
    static Optional<TimeIdPosition> after(PageRequest page) {
        return page.after().map(TimeIdPosition::decode);
    }

    /** The position after a row sorted at {@code at} with {@code id}. */
    static Cursor cursor(Instant at, UUID id) {
        return Cursor.of(at.toString(), id.toString());
    }

    private static TimeIdPosition decode(Cursor cursor) {
        List<String> parts = cursor.parts(2);
        try {
            return new TimeIdPosition(Instant.parse(parts.get(0)), UUID.fromString(parts.get(1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
        }
    }
}
