package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.Parameter;
import io.helio.platform.model.ThingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Reads device events back from the product's events measurement, a page at a time. */
public class InfluxEventReader {

    private final InfluxQueryClient influx;
    private final StoredValues stored;

    public InfluxEventReader(InfluxQueryClient influx, StoredValues stored) {
        this.influx = influx;
        this.stored = stored;
    }

    public Mono<SeriesPage<StoredEvent>> page(EventQuery query, int limit, @Nullable PagePosition position) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String statement = "SELECT * FROM "
                + InfluxQl.eventsOf(query.product().value())
                + " WHERE "
                + InfluxQl.anyDevice(query.devices(), parameters)
                + " AND "
                + InfluxQl.anyOf(
                        InfluxLines.EVENT_TAG, "e", List.copyOf(query.events().keySet()), parameters)
                + SeriesPage.range(query.start(), query.end(), query.newestFirst(), position)
                + " ORDER BY time " + (query.newestFirst() ? "DESC" : "ASC")
                + SeriesPage.limit(limit, position);
        return influx.query(query.tenant(), statement, parameters)
                .map(result -> SeriesPage.of(events(result, query.events()), limit, position, StoredEvent::time));
    }

    private List<StoredEvent> events(JsonNode result, Map<String, ThingEvent> events) {
        List<StoredEvent> found = new ArrayList<>();
        ResultRows.forEach(result, row -> {
            String eventId = row.tag(InfluxLines.EVENT_TAG);
            ThingEvent event = events.get(eventId);
            Map<String, Object> output = new HashMap<>();
            for (Parameter parameter : event.outputs()) {
                JsonNode value = row.get(parameter.id().value());
                if (value != null) {
                    output.put(
                            parameter.id().value(),
                            stored.read(value, parameter.type().dataType()));
                }
            }
            found.add(new StoredEvent(
                    DeviceKey.of(row.tag(InfluxLines.DEVICE_TAG)), eventId, Instant.ofEpochMilli(row.time()), output));
        });
        return found;
    }
}
