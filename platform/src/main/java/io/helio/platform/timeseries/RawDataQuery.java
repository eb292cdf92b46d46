package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw values of some points of some devices of one product over {@code [start, end)}, oldest or
 * newest first. Every identifier in it has been validated against the product's model before it
 * gets here.
 */
public record RawDataQuery(
        TenantId tenant,
        ProductKey product,
        List<DeviceKey> devices,
        Map<String, MeasurePoint> points,
        Instant start,
        Instant end,
        boolean newestFirst) {

    public RawDataQuery {
        devices = List.copyOf(devices);
        points = new LinkedHashMap<>(points);
        if (devices.isEmpty() || points.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one device and one point");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
    }
}
