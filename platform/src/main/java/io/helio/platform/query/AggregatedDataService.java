package io.helio.platform.query;

import io.helio.errors.ApiException;
import io.helio.platform.api.model.FillPolicy;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.timeseries.AggregateQuery;
import io.helio.platform.timeseries.AggregateRow;
import io.helio.platform.timeseries.AggregateSlice;
import io.helio.platform.timeseries.Aggregation;
import io.helio.platform.timeseries.InfluxAggregateReader;
import io.helio.platform.timeseries.Rollup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Aggregates points into time buckets, from the rollups where they can answer: the buckets of the
 * range that a rollup completely covers come from it (far less to read), the others from raw data,
 * and empty buckets are filled across both.
 */
class AggregatedDataService {

    static final Duration LONGEST_INTERVAL = Duration.ofDays(366);

    /** The rows, filled, and the rollup that answered part of the range (null when raw data answered all). */
    record Answer(List<AggregateRow> rows, @Nullable Rollup rollup) {}

    private final InfluxAggregateReader reader;
    private final Clock clock;

    AggregatedDataService(InfluxAggregateReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    Mono<Answer> aggregate(
            Series series,
            Instant start,
            Instant end,
            Duration interval,
            Aggregation aggregation,
            FillPolicy fill,
            ZoneId zone,
            boolean rawOnly) {
        QueryTimes.requireOrdered(start, end);
        requireApplicable(series, interval, aggregation, fill);
        BucketGrid grid = new BucketGrid(interval, zone);
        SeriesResolver.requireWithinLimits(
                series.devices().size(), series.points().size(), grid.countBetween(start, end), "buckets");
        AggregateQuery query = new AggregateQuery(
                series.tenant(),
                series.product(),
                series.devices(),
                series.points(),
                start,
                end,
                interval,
                aggregation,
                zone);
        @Nullable Rollup rollup = rawOnly ? null : usableRollup(grid, query);
        List<AggregateSlice> slices =
                rollup == null ? List.of(new AggregateSlice(query, null)) : slices(grid, query, rollup);
        return reader.read(slices)
                .map(rows -> new Answer(
                        BucketFill.fill(rows, series, fill, grid.between(start, end)),
                        slices.stream().anyMatch(slice -> slice.rollup() != null) ? rollup : null));
    }

    private static void requireApplicable(Series series, Duration interval, Aggregation aggregation, FillPolicy fill) {
        if (interval.compareTo(LONGEST_INTERVAL) > 0) {
            throw new ApiException(PlatformError.INVALID_AGGREGATION, "the interval may be at most 366 days");
        }
        for (MeasurePoint point : series.points().values()) {
            if (!aggregation.appliesTo(point.type().dataType())) {
                throw new ApiException(
                        PlatformError.INVALID_AGGREGATION,
                        aggregation.name().toLowerCase() + " does not apply to point '" + point.id() + "' of type "
                                + point.type().dataType());
            }
            if (fill == FillPolicy.LINEAR
                    && !aggregation.yieldsNumbers(point.type().dataType())) {
                throw new ApiException(
                        PlatformError.INVALID_AGGREGATION,
                        "a LINEAR fill needs numbers; point '" + point.id() + "' is of type "
                                + point.type().dataType());
            }
        }
    }

    /** The coarsest rollup whose buckets the query's buckets are made of, and which covers some of them. */
    private @Nullable Rollup usableRollup(BucketGrid grid, AggregateQuery query) {
        for (Rollup rollup : List.of(Rollup.HOUR, Rollup.MINUTE)) {
            if (grid.alignsWith(rollup.interval(), query.start(), query.end())
                    && grid.ceil(query.start()).isBefore(covered(grid, query, rollup))) {
                return rollup;
            }
        }
        return null;
    }

    /** Where the rollup's complete buckets end, on a border of the query's buckets. */
    private Instant covered(BucketGrid grid, AggregateQuery query, Rollup rollup) {
        Instant complete = rollup.completeUntil(clock.instant());
        return grid.floor(complete.isBefore(query.end()) ? complete : query.end());
    }

    /** Raw data before the first whole bucket, the rollup for whole buckets it covers, raw data after. */
    private List<AggregateSlice> slices(BucketGrid grid, AggregateQuery query, Rollup rollup) {
        Instant from = grid.ceil(query.start());
        Instant until = covered(grid, query, rollup);
        List<AggregateSlice> slices = new ArrayList<>();
        if (query.start().isBefore(from)) {
            slices.add(new AggregateSlice(query.over(query.start(), from), null));
        }
        slices.add(new AggregateSlice(query.over(from, until), rollup));
        if (until.isBefore(query.end())) {
            slices.add(new AggregateSlice(query.over(until, query.end()), null));
        }
        return slices;
    }
}
