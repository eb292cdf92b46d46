package io.helio.platform.model;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One page of a keyset-paged list and the cursor of the next, if there is one. */
record Page<T>(List<T> items, @Nullable String nextCursor) {

    /**
     * The page from {@code found}, which was asked for {@code limit + 1} items: the extra one only
     * tells that a next page exists.
     */
    static <T> Page<T> of(List<T> found, int limit, Function<T, String[]> sortKey) {
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<T> items = found.subList(0, limit);
        return new Page<>(items, PageCursor.encode(sortKey.apply(items.get(limit - 1))));
    }

    <R> List<R> map(Function<T, R> mapping) {
        return items.stream().map(mapping).toList();
    }
}
