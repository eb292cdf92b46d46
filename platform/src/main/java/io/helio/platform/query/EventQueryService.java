package io.helio.platform.query;

import io.helio.errors.ApiException;
import io.helio.platform.error.PlatformError;
import io.helio.platform.model.ThingEvent;
import io.helio.platform.model.ThingModel;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.EventQuery;
import io.helio.platform.timeseries.InfluxEventReader;
import io.helio.platform.timeseries.SeriesPage;
import io.helio.platform.timeseries.StoredEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Device events by type and time range, checked against the product's model like measure points. */
class EventQueryService {

    private final SeriesResolver resolver;
    private final InfluxEventReader reader;

    EventQueryService(SeriesResolver resolver, InfluxEventReader reader) {
        this.resolver = resolver;
        this.reader = reader;
    }

    /** The events named (every event of the model when none is) of the devices, a page at a time. */
    Mono<SeriesPage<StoredEvent>> page(
            TenantId tenant, String productKey, List<String> deviceKeys, List<String> eventIds, PageRequest asked) {
        return resolver.product(tenant, productKey).flatMap(found -> {
            Map<String, ThingEvent> events = events(found.model(), eventIds);
            return resolver.devices(
                            tenant,
                            found.product().key(),
                            deviceKeys.stream().distinct().toList())
                    .flatMap(devices -> events.isEmpty()
                            ? Mono.just(new SeriesPage<StoredEvent>(List.of(), null))
                            : reader.page(
                                    new EventQuery(
                                            tenant,
                                            found.product().key(),
                                            devices,
                                            events,
                                            asked.start(),
                                            asked.end(),
                                            asked.newestFirst()),
                                    asked.limit(),
                                    asked.from()));
        });
    }

    private static Map<String, ThingEvent> events(ThingModel model, List<String> eventIds) {
        Map<String, ThingEvent> events = new LinkedHashMap<>();
        if (eventIds.isEmpty()) {
            model.elements().events().forEach(event -> events.put(event.id().value(), event));
            return events;
        }
        for (String id : eventIds) {
            events.put(
                    id,
                    model.event(id)
                            .orElseThrow(() -> new ApiException(
                                    PlatformError.UNKNOWN_EVENT,
                                    "thing model '" + model.id() + "' has no event '" + id + "'")));
        }
        return events;
    }
}
