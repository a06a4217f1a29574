package io.clientele.adapter.memory;

import io.clientele.common.Cursor;
import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import io.clientele.common.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset pages of a list sorted newest first by a time and then by id, both descending, as SQL
 * serves them: {@code WHERE (at, id) < (?, ?) ORDER BY at DESC, id DESC LIMIT size + 1}. The
 * position of a page is the time and id of its last row, in clear (the use case seals it); one that
 * is not such a position is a {@link ValidationException} on field {@code cursor}, rule {@code
 * format}. Stateless.
 */
final class NewestFirst {

    private NewestFirst() {
    }

    /** A position: the sort time and id of the last row of a page. */
    private record Position(Instant at, UUID id) {

        static Position decode(Cursor cursor) {
            List<String> parts = cursor.parts(2);
            try {
                return new Position(Instant.parse(parts.get(0)), UUID.fromString(parts.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new ValidationException("cursor", "format", "not a cursor returned by Clientele");
            }
        }

        Cursor encode() {
            return Cursor.of(at.toString(), id.toString());
        }

        /** True when a row at {@code rowAt} with {@code rowId} sorts after this position, newest first. */
        boolean isFollowedBy(Instant rowAt, UUID rowId) {
            int byTime = rowAt.compareTo(at);
            return byTime < 0 || (byTime == 0 && rowId.compareTo(id) < 0);
        }
    }

    /**
     * The page of {@code rows} (one client's rows, read through its index) that {@code request}
     * asks for, sorted by {@code at} then {@code id}, both descending.
     */
    static <T> Page<T> page(Collection<T> rows, Function<T, Instant> at, Function<T, UUID> id,
            PageRequest request) {
        Optional<Position> after = request.after().map(Position::decode);
        Comparator<T> newestFirst = Comparator.comparing(at).thenComparing(id).reversed();
        List<T> sorted = rows.stream()
                .filter(row -> after.map(p -> p.isFollowedBy(at.apply(row), id.apply(row))).orElse(true))
                .sorted(newestFirst)
                .limit(request.size() + 1L)
                .toList();
        return Page.fromLookahead(sorted, request.size(), row -> new Position(at.apply(row), id.apply(row)).encode());
    }
}
