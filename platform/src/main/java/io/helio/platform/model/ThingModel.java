package io.helio.platform.model;

import io.helio.platform.tenancy.TenantId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A typed thing model that devices are instances of. Its measure point identifiers are unique. */
public record ThingModel(
        TenantId tenant,
        ModelId id,
        String name,
        @Nullable String description,
        List<MeasurePoint> measurePoints,
        Instant createdAt) {

    public ThingModel {
        measurePoints = List.copyOf(measurePoints);
        Set<PointId> seen = new HashSet<>();
        for (MeasurePoint point : measurePoints) {
            if (!seen.add(point.id())) {
                throw new IllegalArgumentException("measure point '" + point.id() + "' is defined twice");
            }
        }
    }

    public Optional<MeasurePoint> measurePoint(String identifier) {
        return measurePoints.stream()
                .filter(point -> point.id().value().equals(identifier))
                .findFirst();
    }
}
