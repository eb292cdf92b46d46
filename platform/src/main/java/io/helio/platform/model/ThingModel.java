package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A typed thing model that devices are instances of: its own elements and those it inherits from
 * the model it extends. Identifiers are unique across all of them.
 *
 * <p>Immutable. The elements are joined and indexed by identifier once, when the model is built:
 * ingestion looks up a measure point for every value a device sends.
 */
public final class ThingModel {

    private final TenantId tenant;
    private final ModelId id;
    private final String name;
    private final @Nullable String description;
    private final @Nullable ModelId parent;
    private final ThingModelElements own;
    private final ThingModelElements inherited;
    private final int version;
    private final Instant createdAt;
    private final Instant updatedAt;

    private final ThingModelElements elements;
    private final Map<String, Attribute> attributes;
    private final Map<String, MeasurePoint> measurePoints;
    private final Map<String, ThingService> services;
    private final Map<String, ThingEvent> events;

    public ThingModel(
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
        this.tenant = tenant;
        this.id = id;
        this.name = name;
        this.description = description;
        this.parent = parent;
        this.own = own;
        this.inherited = inherited;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.elements = own.plus(inherited);
        requireDistinctIdentifiers();
        this.attributes = byIdentifier(elements.attributes(), Attribute::id);
        this.measurePoints = byIdentifier(elements.measurePoints(), MeasurePoint::id);
        this.services = byIdentifier(elements.services(), ThingService::id);
        this.events = byIdentifier(elements.events(), ThingEvent::id);
    }

    private void requireDistinctIdentifiers() {
        Map<PointId, ModelElement> seen = new HashMap<>();
        elements.all().forEach(element -> {
            ModelElement earlier = seen.putIfAbsent(element.id(), element);
            if (earlier != null) {
                String origin =
                        inherited.find(element.id()).isPresent() ? " (one inherited from model '" + parent + "')" : "";
                throw new IllegalArgumentException("identifier '" + element.id() + "' is used twice, by a "
                        + earlier.kind() + " and a " + element.kind() + origin);
            }
        });
    }

    private static <T> Map<String, T> byIdentifier(List<T> elements, Function<T, PointId> id) {
        Map<String, T> indexed = new HashMap<>(); // never handed out, so never changed
        elements.forEach(element -> indexed.put(id.apply(element).value(), element));
        return indexed;
    }

    public TenantId tenant() {
        return tenant;
    }

    public ModelId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public @Nullable String description() {
        return description;
    }

    public @Nullable ModelId parent() {
        return parent;
    }

    public ThingModelElements own() {
        return own;
    }

    public ThingModelElements inherited() {
        return inherited;
    }

    public int version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Every element, own and inherited. */
    public ThingModelElements elements() {
        return elements;
    }

    public Optional<Attribute> attribute(String identifier) {
        return Optional.ofNullable(attributes.get(identifier));
    }

    public Optional<ThingEvent> event(String identifier) {
        return Optional.ofNullable(events.get(identifier));
    }

    public Optional<ThingService> service(String identifier) {
        return Optional.ofNullable(services.get(identifier));
    }

    public Optional<MeasurePoint> measurePoint(String identifier) {
        return Optional.ofNullable(measurePoints.get(identifier));
    }

    @Override
    public String toString() {
        return "ThingModel[" + tenant + "/" + id + " v" + version + "]";
    }
}
