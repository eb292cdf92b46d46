package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Reads raw samples back from InfluxDB, typing each value by the thing model. */
public class InfluxRawDataReader {

    private final InfluxQueryClient influx;
    private final StoredValues stored;

    public InfluxRawDataReader(InfluxQueryClient influx, StoredValues stored) {
        this.influx = influx;
        this.stored = stored;
    }

    /** Up to {@code limit} records from {@code position} on (from the start of the range when null). */
    public Mono<SeriesPage<RawRecord>> page(RawDataQuery query, int limit, @Nullable PagePosition position) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String statement = select(query, parameters, position) + SeriesPage.limit(limit, position);
        return influx.query(query.tenant(), statement, parameters)
                .map(result -> SeriesPage.of(records(result, query.points()), limit, position, RawRecord::time));
    }

    /** Every record of the range, read in chunks as the subscriber asks for more. */
    public Flux<RawRecord> stream(RawDataQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String statement = select(query, parameters, null);
        return influx.chunks(query.tenant(), statement, parameters)
                .concatMapIterable(chunk -> records(chunk, query.points()));
    }

    private static String select(RawDataQuery query, Map<String, Object> parameters, @Nullable PagePosition position) {
        List<String> fields = new ArrayList<>();
        query.points().values().forEach(point -> {
            fields.add(InfluxQl.identifier(point.id().value()) + "::field");
            if (point.hasQuality()) {
                fields.add(InfluxQl.quoted(FieldNames.quality(point.id().value())) + "::field");
            }
        });
        return "SELECT \"" + InfluxLines.DEVICE_TAG + "\"::tag, " + String.join(", ", fields)
                + " FROM " + InfluxQl.identifier(query.product().value())
                + " WHERE " + InfluxQl.anyDevice(query.devices(), parameters)
                + SeriesPage.range(query.start(), query.end(), query.newestFirst(), position)
                + " ORDER BY time " + (query.newestFirst() ? "DESC" : "ASC");
    }

    private List<RawRecord> records(JsonNode result, Map<String, MeasurePoint> points) {
        List<RawRecord> records = new ArrayList<>();
        ResultRows.forEach(result, row -> {
            Map<String, Object> values = new HashMap<>();
            for (MeasurePoint point : points.values()) {
                JsonNode value = row.get(point.id().value());
                if (value != null) {
                    values.put(
                            point.id().value(),
                            withQuality(point, stored.read(value, point.type().dataType()), row));
                }
            }
            records.add(new RawRecord(
                    DeviceKey.of(row.tag(InfluxLines.DEVICE_TAG)), Instant.ofEpochMilli(row.time()), values));
        });
        return records;
    }

    /** A point that carries a quality flag reads back as the device sent it: value and quality. */
    private static Object withQuality(MeasurePoint point, Object value, ResultRows.Row row) {
        if (!point.hasQuality()) {
            return value;
        }
        Map<String, Object> withQuality = new LinkedHashMap<>();
        withQuality.put("value", value);
        JsonNode quality = row.get(FieldNames.quality(point.id().value()));
        if (quality != null) {
            withQuality.put("quality", quality.asLong());
        }
        return withQuality;
    }
}
