package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.ThingEvent;
import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events of the given types (validated against the model) of devices of one product over {@code [start, end)}. */
public record EventQuery(
        TenantId tenant,
        ProductKey product,
        List<DeviceKey> devices,
        Map<String, ThingEvent> events,
        Instant start,
        Instant end,
        boolean newestFirst) {

    public EventQuery {
        devices = List.copyOf(devices);
        events = new LinkedHashMap<>(events);
        if (devices.isEmpty() || events.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one device and one event");
        }
    }
}
