package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The latest stored value of points of devices, read from InfluxDB for what the latest-value cache
 * does not hold (after a restart, or for devices quiet since): one {@code last()} per field, in one
 * request.
 */
public class InfluxLatestReader {

    private final InfluxQueryClient influx;
    private final StoredValues stored;

    public InfluxLatestReader(InfluxQueryClient influx, StoredValues stored) {
        this.influx = influx;
        this.stored = stored;
    }

    /** By device, then by field (a point's quality flag is a field of its own), the values at or after {@code since}. */
    public Mono<Map<DeviceKey, Map<String, LatestSample>>> read(
            TenantId tenant, ProductKey product, List<DeviceKey> devices, List<MeasurePoint> points, Instant since) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String deviceCondition = InfluxQl.anyDevice(devices, parameters);
        List<String> fields = new ArrayList<>();
        List<MeasurePoint> pointOfField = new ArrayList<>();
        for (MeasurePoint point : points) {
            fields.add(point.id().value());
            pointOfField.add(point);
            if (point.hasQuality()) {
                fields.add(FieldNames.quality(point.id().value()));
                pointOfField.add(point);
            }
        }
        List<String> statements = new ArrayList<>();
        for (String field : fields) {
            statements.add("SELECT last(" + InfluxQl.quoted(field) + ") AS \"value\" FROM "
                    + InfluxQl.identifier(product.value()) + " WHERE " + deviceCondition + " AND time >= "
                    + since.toEpochMilli() + "ms GROUP BY " + InfluxQl.quoted(InfluxLines.DEVICE_TAG));
        }
        return influx.queryAll(tenant, String.join("; ", statements), parameters)
                .map(results -> {
                    Map<DeviceKey, Map<String, LatestSample>> latest = new HashMap<>();
                    for (int i = 0; i < fields.size(); i++) {
                        String field = fields.get(i);
                        boolean quality = !field.equals(pointOfField.get(i).id().value());
                        MeasurePoint point = pointOfField.get(i);
                        ResultRows.forEach(results.path(i), row -> {
                            JsonNode value = row.get("value");
                            if (value != null) {
                                Object form = quality
                                        ? value.asLong()
                                        : stored.storedForm(value, point.type().dataType());
                                latest.computeIfAbsent(
                                                DeviceKey.of(row.tag(InfluxLines.DEVICE_TAG)), key -> new HashMap<>())
                                        .put(field, new LatestSample(Instant.ofEpochMilli(row.time()), form));
                            }
                        });
                    }
                    return latest;
                });
    }
}
