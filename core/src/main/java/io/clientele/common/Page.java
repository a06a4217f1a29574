package io.clientele.common;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list, in a stable order. {@link #next()} is the cursor to pass in
 * the following {@link PageRequest}; it is empty on the last page. A page a use case returns
 * carries a sealed cursor ({@link CursorSeal}); a page a repository returns carries the adapter's
 * own position, at most {@value CursorSeal#MAX_POSITION_BYTES} bytes, which the use case seals.
 *
 * <p>Immutable and thread-safe when the items are.
 */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    public Page {
        items = List.copyOf(items);
        Validate.notNull("next", next);
    }

    /** True when more items follow. */
    public boolean hasNext() {
        return next.isPresent();
    }

    /** This page with every item mapped. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), next);
    }

    /**
     * Builds a page from up to {@code size + 1} sorted items: when there is one more item than
     * asked for, the cursor of the last kept item becomes {@link #next()}.
     */
    public static <T> Page<T> fromLookahead(List<T> sortedItems, int size, Function<T, Cursor> cursorOf) {
        if (sortedItems.size() <= size) {
            return new Page<>(sortedItems, Optional.empty());
        }
        List<T> kept = sortedItems.subList(0, size);
        return new Page<>(kept, Optional.of(cursorOf.apply(kept.get(size - 1))));
    }
}
