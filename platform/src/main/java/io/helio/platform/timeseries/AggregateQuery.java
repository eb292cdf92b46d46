package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Points of devices of one product aggregated into buckets of {@code interval} aligned to {@code zone}. */
public record AggregateQuery(
        TenantId tenant,
        ProductKey product,
        List<DeviceKey> devices,
        Map<String, MeasurePoint> points,
        Instant start,
        Instant end,
        Duration interval,
        Aggregation aggregation,
        ZoneId zone) {

    public AggregateQuery {
        devices = List.copyOf(devices);
        points = new LinkedHashMap<>(points);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
        if (interval.toSeconds() < 1 || interval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the interval must be whole seconds");
        }
    }

    /** The same query over a part of its range. */
    public AggregateQuery over(Instant from, Instant to) {
        return new AggregateQuery(tenant, product, devices, points, from, to, interval, aggregation, zone);
    }
}
