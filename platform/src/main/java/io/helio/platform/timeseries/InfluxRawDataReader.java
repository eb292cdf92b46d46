package io.helio.platform.timeseries;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.DataType;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads raw samples back over InfluxDB's HTTP query API, typing each value by the thing model. */
public class InfluxRawDataReader {

    private final WebClient influx;
    private final JsonMapper json;
    private final Duration timeout;

    public InfluxRawDataReader(WebClient influx, JsonMapper json, Duration timeout) {
        this.influx = influx;
        this.json = json;
        this.timeout = timeout;
    }

    public Flux<RawRecord> read(RawDataQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> deviceConditions = new ArrayList<>();
        for (int i = 0; i < query.devices().size(); i++) {
            parameters.put("d" + i, query.devices().get(i).value());
            deviceConditions.add("\"" + InfluxLines.DEVICE_TAG + "\"::tag = $d" + i);
        }
        List<String> fields = new ArrayList<>();
        query.points().values().forEach(point -> {
            fields.add(InfluxQl.identifier(point.id().value()) + "::field");
            if (point.hasQuality()) {
                fields.add(InfluxQl.quoted(FieldNames.quality(point.id().value())) + "::field");
            }
        });
        String statement = "SELECT \"" + InfluxLines.DEVICE_TAG + "\"::tag, " + String.join(", ", fields)
                + " FROM " + InfluxQl.identifier(query.product().value())
                + " WHERE (" + String.join(" OR ", deviceConditions) + ")"
                + " AND time >= " + query.start().toEpochMilli() + "ms"
                + " AND time < " + query.end().toEpochMilli() + "ms"
                + " ORDER BY time ASC LIMIT " + query.limit();
        return influx.get()
                .uri(uri -> uri.path("/query")
                        .queryParam("db", "{db}")
                        .queryParam("epoch", "ms")
                        .queryParam("q", "{q}")
                        .queryParam("params", "{params}")
                        .build(Map.of(
                                "db", query.tenant().timeSeriesDatabase(),
                                "q", statement,
                                "params", json.writeValueAsString(parameters))))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(timeout)
                .onErrorMap(WebClientResponseException.class, e -> unavailable(e.getResponseBodyAsString()))
                .onErrorMap(TimeoutException.class, e -> unavailable("no answer within " + timeout))
                .flatMapMany(body -> Flux.fromIterable(parse(body, query.points())));
    }

    private List<RawRecord> parse(String body, Map<String, MeasurePoint> points) {
        JsonNode result = json.readTree(body).path("results").path(0);
        if (result.has("error")) {
            throw unavailable(result.get("error").asString());
        }
        List<RawRecord> records = new ArrayList<>();
        for (JsonNode series : result.path("series")) {
            List<String> columns = new ArrayList<>();
            series.path("columns").forEach(column -> columns.add(column.asString()));
            for (JsonNode row : series.path("values")) {
                Map<String, Object> values = new HashMap<>();
                for (MeasurePoint point : points.values()) {
                    JsonNode value = row.get(columns.indexOf(point.id().value()));
                    if (value != null && !value.isNull()) {
                        values.put(
                                point.id().value(),
                                withQuality(point, typed(value, point.type().dataType()), row, columns));
                    }
                }
                if (!values.isEmpty()) {
                    records.add(new RawRecord(
                            DeviceKey.of(row.get(1).asString()),
                            Instant.ofEpochMilli(row.get(0).asLong()),
                            values));
                }
            }
        }
        return records;
    }

    /** A point that carries a quality flag reads back as the device sent it: value and quality. */
    private static Object withQuality(MeasurePoint point, Object value, JsonNode row, List<String> columns) {
        if (!point.hasQuality()) {
            return value;
        }
        Map<String, Object> withQuality = new LinkedHashMap<>();
        withQuality.put("value", value);
        JsonNode quality = row.get(columns.indexOf(FieldNames.quality(point.id().value())));
        if (quality != null && !quality.isNull()) {
            withQuality.put("quality", quality.asLong());
        }
        return withQuality;
    }

    private Object typed(JsonNode value, DataType type) {
        return switch (type) {
            case INT, ENUM, TIMESTAMP -> value.asLong();
            case FLOAT, DOUBLE -> value.asDouble();
            case BOOL -> value.asBoolean();
            case STRING, DATE -> value.asString();
            case ARRAY, STRUCT -> json.readValue(value.asString(), Object.class);
        };
    }

    private static ApiException unavailable(String reason) {
        return new ApiException(PlatformError.TIMESERIES_UNAVAILABLE, "the time-series query failed: " + reason);
    }
}
