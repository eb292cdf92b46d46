package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A typed thing model that devices are instances of: its own elements and those it inherits from
 * the model it extends. Identifiers are unique across all of them.
 */
public record ThingModel(
        TenantId tenant,
        ModelId id,
        String name,
        @Nullable String description,
        @Nullable ModelId parent,
        ThingModelElements own,
        ThingModelElements inherited,
        int version,
        Instant createdAt,
        Instant updatedAt) {

    public ThingModel {
        Map<PointId, ModelElement> seen = new HashMap<>();
        own.plus(inherited).all().forEach(element -> {
            ModelElement earlier = seen.putIfAbsent(element.id(), element);
            if (earlier != null) {
                String origin =
                        inherited.find(element.id()).isPresent() ? " (one inherited from model '" + parent + "')" : "";
                throw new IllegalArgumentException("identifier '" + element.id() + "' is used twice, by a "
                        + earlier.kind() + " and a " + element.kind() + origin);
            }
        });
    }

    /** Every element, own and inherited. */
    public ThingModelElements elements() {
        return own.plus(inherited);
    }

    public Optional<ThingEvent> event(String identifier) {
        return elements().events().stream()
                .filter(event -> event.id().value().equals(identifier))
                .findFirst();
    }

    public Optional<ThingService> service(String identifier) {
        return elements().services().stream()
                .filter(service -> service.id().value().equals(identifier))
                .findFirst();
    }

    public Optional<MeasurePoint> measurePoint(String identifier) {
        return elements().measurePoints().stream()
                .filter(point -> point.id().value().equals(identifier))
                .findFirst();
    }
}
