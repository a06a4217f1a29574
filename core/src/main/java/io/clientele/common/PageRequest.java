package io.clientele.common;

import java.util.Optional;

/**
 * Asks for one page of a keyset-paginated list: at most {@link #size()} items after the position
 * {@link #after()} (the {@link Page#next()} cursor of the previous page; empty for the first page).
 * Page size is bounded: 1 to {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}.
 *
 * <p>Immutable and thread-safe.
 */
public record PageRequest(Optional<Cursor> after, int size) {

    /** The default page size. */
    public static final int DEFAULT_SIZE = 50;
    /** The largest page size accepted. */
    public static final int MAX_SIZE = 200;

    public PageRequest {
        Validate.notNull("after", after);
        Validate.range("size", size, 1, MAX_SIZE);
    }

    /** The first page with the default size. */
    public static PageRequest first() {
        return new PageRequest(Optional.empty(), DEFAULT_SIZE);
    }

    /** The first page with the given size. */
    public static PageRequest first(int size) {
        return new PageRequest(Optional.empty(), size);
    }

    /** The page after the given cursor, with the given size. */
    public static PageRequest after(Cursor cursor, int size) {
        return new PageRequest(Optional.of(cursor), size);
    }
}
