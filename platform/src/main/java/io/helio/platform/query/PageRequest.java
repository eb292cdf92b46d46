package io.helio.platform.query;

import io.helio.platform.api.model.SortOrder;
import io.helio.platform.timeseries.PagePosition;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Which page of a time-ordered query is asked for: the range, the order, the page size and where it starts. */
record PageRequest(
        Instant start,
        Instant end,
        boolean newestFirst,
        int limit,
        @Nullable PagePosition from) {

    static final int DEFAULT_LIMIT = 1000;

    /** From the API's parameters: times as the API takes them, the cursor of the previous page. */
    static PageRequest of(
            String start, String end, @Nullable SortOrder order, @Nullable Integer limit, @Nullable String cursor) {
        boolean newestFirst = order == SortOrder.DESC;
        Instant from = QueryTimes.parse("start", start);
        Instant to = QueryTimes.parse("end", end);
        QueryTimes.requireOrdered(from, to);
        return new PageRequest(
                from, to, newestFirst, limit == null ? DEFAULT_LIMIT : limit, SeriesCursor.decode(cursor, newestFirst));
    }

    /** The cursor that asks for the page starting at {@code next}; null when there is none. */
    @Nullable
    String cursorOf(@Nullable PagePosition next) {
        return SeriesCursor.encode(next, newestFirst);
    }
}
