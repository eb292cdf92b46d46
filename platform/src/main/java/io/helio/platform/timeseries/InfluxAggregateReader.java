package io.helio.platform.timeseries;

import io.helio.platform.model.DataType;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

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
        return influx.queryAll(query.tenant(), String.join("; ", statements), parameters)
                .map(results -> {
                    List<AggregateRow> rows = new ArrayList<>();
                    for (JsonNode result : results) {
                        ResultRows.forEach(result, row -> rows.add(row(row, query)));
                    }
                    return rows;
                });
    }

    private static String statement(AggregateSlice slice, Map<String, Object> parameters) {
        AggregateQuery query = slice.query();
        List<String> selections = new ArrayList<>();
        for (MeasurePoint point : query.points().values()) {
            String id = point.id().value();
            String aggregate = slice.rollup() == null
                    ? query.aggregation().ofRaw(InfluxQl.identifier(id))
                    : query.aggregation().ofRollup(id);
            selections.add(aggregate + " AS " + InfluxQl.identifier(id));
        }
        String measurement = InfluxQl.identifier(query.product().value());
        String zone = query.zone().getId();
        if (!ZONE.matcher(zone).matches()) {
            throw new IllegalArgumentException("not a time zone name: " + zone);
        }
        return "SELECT " + String.join(", ", selections)
                + " FROM "
                + (slice.rollup() == null ? "" : InfluxQl.quoted(slice.rollup().policy()) + ".")
                + measurement
                + " WHERE "
                + InfluxQl.anyDevice(query.devices(), parameters)
                + InfluxQl.timeRange(query.start(), query.end())
                + " GROUP BY time(" + query.interval().toSeconds() + "s), " + InfluxQl.quoted(InfluxLines.DEVICE_TAG)
                + " fill(none) tz('" + zone + "')";
    }

    private AggregateRow row(ResultRows.Row row, AggregateQuery query) {
        Map<String, Object> values = new HashMap<>();
        for (MeasurePoint point : query.points().values()) {
            JsonNode value = row.get(point.id().value());
            if (value != null) {
                values.put(
                        point.id().value(),
                        typed(value, query.aggregation(), point.type().dataType()));
            }
        }
        return new AggregateRow(
                DeviceKey.of(row.tag(InfluxLines.DEVICE_TAG)), Instant.ofEpochMilli(row.time()), values);
    }

    private Object typed(JsonNode value, Aggregation aggregation, DataType type) {
        return switch (aggregation) {
            case COUNT -> value.asLong();
            case AVG -> value.asDouble();
            default -> stored.read(value, type);
        };
    }
}
