package io.helio.platform.timeseries;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A page of a time-ordered query, and where the next one starts (null on the last page). */
public record SeriesPage<T>(List<T> items, @Nullable PagePosition next) {

    /**
     * The page of {@code limit} items out of {@code fetched}, which was read with one item more to
     * tell whether another page follows. The next page starts at the last item's instant, skipping
     * the items of that instant seen so far (on earlier pages too).
     */
    static <T> SeriesPage<T> of(
            List<T> fetched, int limit, @Nullable PagePosition position, Function<T, Instant> timeOf) {
        if (fetched.size() <= limit) {
            return new SeriesPage<>(List.copyOf(fetched), null);
        }
        List<T> page = List.copyOf(fetched.subList(0, limit));
        Instant last = timeOf.apply(page.get(limit - 1));
        int atLast = (int)
                page.stream().filter(item -> timeOf.apply(item).equals(last)).count();
        boolean stillAtPosition = position != null && position.time().equals(last) && atLast == limit;
        return new SeriesPage<>(page, new PagePosition(last, stillAtPosition ? position.skip() + atLast : atLast));
    }

    /** Where a page starts: the statement's time range narrowed to the position, and the rows to skip. */
    static String range(Instant start, Instant end, boolean newestFirst, @Nullable PagePosition position) {
        if (position == null) {
            return InfluxQl.timeRange(start, end);
        }
        return newestFirst
                ? InfluxQl.timeRange(start, position.time().plusMillis(1))
                : InfluxQl.timeRange(position.time(), end);
    }

    static String limit(int limit, @Nullable PagePosition position) {
        return " LIMIT " + (limit + 1) + " OFFSET " + (position == null ? 0 : position.skip());
    }
}
