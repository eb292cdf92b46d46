package io.helio.platform.timeseries;

import io.helio.platform.model.DataType;
import io.helio.platform.model.MeasurePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonParser;

/**
 * Aggregates in InfluxDB ({@code GROUP BY time(..), device ... tz(..)}), each slice of a query from
 * raw data or a rollup, all in one request. Empty buckets are left out ({@code fill(none)}): the
 * caller fills them, so that a fill crosses the slices' borders.
 */
public class InfluxAggregateReader {

    /** Zone names as InfluxDB's {@code tz()} takes them; checked again here as they are written into the text. */
    private static final Pattern ZONE = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");

    private final InfluxQueryClient influx;
    private final StoredValues stored;

    public InfluxAggregateReader(InfluxQueryClient influx, StoredValues stored) {
        this.influx = influx;
        this.stored = stored;
    }

    /** The rows of every slice, slice after slice (each in time order per device). */
    public Mono<List<AggregateRow>> read(List<AggregateSlice> slices) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> statements = new ArrayList<>();
        for (AggregateSlice slice : slices) {
            statements.add(statement(slice, parameters));
        }
        AggregateQuery query = slices.get(0).query();
        StreamedAnswer<AggregateRow> answer = StreamedAnswer.ofAggregates(
                query.points(),
                query.devices(),
                (value, point) -> typed(value, query.aggregation(), point.type().dataType()));
        return influx.readRows(query.tenant(), String.join("; ", statements), parameters, answer);
    }

    private static String statement(AggregateSlice slice, Map<String, Object> parameters) {
        AggregateQuery query = slice.query();
        boolean rollupBuckets =
                slice.rollup() != null && slice.rollup().interval().equals(query.interval());
        List<String> selections = new ArrayList<>();
        for (MeasurePoint point : query.points().values()) {
            String id = point.id().value();
            String aggregate;
            if (slice.rollup() == null) {
                aggregate = query.aggregation().ofRaw(InfluxQl.identifier(id));
            } else if (rollupBuckets) {
                aggregate = query.aggregation().ofRollupBucket(id);
            } else {
                aggregate = query.aggregation().ofRollup(id);
            }
            selections.add(aggregate + " AS " + InfluxQl.identifier(id));
        }
        String measurement = InfluxQl.identifier(query.product().value());
        String zone = query.zone().getId();
        if (!ZONE.matcher(zone).matches()) {
            throw new IllegalArgumentException("not a time zone name: " + zone);
        }
        String selected = "SELECT " + String.join(", ", selections)
                + " FROM "
                + (slice.rollup() == null ? "" : InfluxQl.quoted(slice.rollup().policy()) + ".")
                + measurement
                + " WHERE "
                + InfluxQl.anyDevice(query.devices(), parameters)
                + InfluxQl.timeRange(query.start(), query.end());
        // a rollup's slice starts and ends on the query's buckets (the caller checked); when those are
        // the rollup's own, its rows are the answer: read as they are, they cost influxd about a
        // third of grouping them again
        return rollupBuckets
                ? selected + " GROUP BY " + InfluxQl.quoted(InfluxLines.DEVICE_TAG)
                : selected + " GROUP BY time(" + query.interval().toSeconds() + "s), "
                        + InfluxQl.quoted(InfluxLines.DEVICE_TAG) + " fill(none) tz('" + zone + "')";
    }

    private Object typed(JsonParser value, Aggregation aggregation, DataType type) {
        return switch (aggregation) {
            case COUNT -> value.getValueAsLong();
            case AVG -> stored.read(value, DataType.DOUBLE);
            default -> stored.read(value, type);
        };
    }
}
