package io.clientele.testing;

import io.clientele.common.Page;
import io.clientele.common.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks a paged list to its end, for tests that need every item of it. */
public final class Pages {

    private Pages() {
    }

    /**
     * Every item of the list, in its order: the pages {@code list} returns for the first request
     * of the largest size, then for each page's cursor, until a page has none.
     */
    public static <T> List<T> all(Function<PageRequest, Page<T>> list) {
        List<T> items = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(PageRequest.MAX_SIZE));
        items.addAll(page.items());
        while (page.next().isPresent()) {
            page = list.apply(PageRequest.after(page.next().get(), PageRequest.MAX_SIZE));
            items.addAll(page.items());
        }
        return items;
    }
}
