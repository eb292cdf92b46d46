package io.helio.platform.timeseries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
        return influx.readRows(query.tenant(), statement, parameters, answer(query))
                .map(records -> SeriesPage.of(records, limit, position, RawRecord::time));
    }

    /** Every record of the range, read in chunks as the subscriber asks for more. */
    public Flux<RawRecord> stream(RawDataQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String statement = select(query, parameters, null);
        return influx.readChunks(query.tenant(), statement, parameters, answer(query))
                .concatMapIterable(records -> records);
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

    private StreamedAnswer<RawRecord> answer(RawDataQuery query) {
        return StreamedAnswer.ofRecords(stored, query.points(), query.devices());
    }
}
