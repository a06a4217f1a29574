package io.clientele.common;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list together with how many items the whole list holds: what a profile section
 * such as "notes (newest 20 of 143)" shows, loaded by one port call (in SQL one statement, the count
 * a scalar subquery or a window beside the page). {@link #page()} carries the position after its
 * last item like any page, so the host goes on with the section's own paged list.
 *
 * <p>Immutable and thread-safe when the items are.
 */
public record Slice<T>(Page<T> page, long total) {

    public Slice {
        Validate.notNull("page", page);
        if (total < page.items().size()) {
            throw new IllegalArgumentException("a list of " + total + " items cannot hold a page of "
                    + page.items().size());
        }
    }

    /** The items of the page. */
    public List<T> items() {
        return page.items();
    }

    /** True when the list holds more items than this page shows. */
    public boolean hasMore() {
        return page.hasNext();
    }

    /** This slice with every item mapped. */
    public <R> Slice<R> map(Function<? super T, ? extends R> mapper) {
        return new Slice<>(page.map(mapper), total);
    }
}
