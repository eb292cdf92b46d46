package io.helio.platform.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The attributes, measure points, services and events a model defines. */
public record ThingModelElements(
        List<Attribute> attributes,
        List<MeasurePoint> measurePoints,
        List<ThingService> services,
        List<ThingEvent> events) {

    public static final ThingModelElements NONE = new ThingModelElements(List.of(), List.of(), List.of(), List.of());

    public ThingModelElements {
        attributes = List.copyOf(attributes);
        measurePoints = List.copyOf(measurePoints);
        services = List.copyOf(services);
        events = List.copyOf(events);
    }

    public Stream<ModelElement> all() {
        return Stream.of(attributes, measurePoints, services, events).flatMap(List::stream);
    }

    public Optional<ModelElement> find(PointId id) {
        return all().filter(element -> element.id().equals(id)).findFirst();
    }

    /** These elements followed by {@code more}; identifiers are checked by the model that holds them. */
    public ThingModelElements plus(ThingModelElements more) {
        return new ThingModelElements(
                concat(attributes, more.attributes),
                concat(measurePoints, more.measurePoints),
                concat(services, more.services),
                concat(events, more.events));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
