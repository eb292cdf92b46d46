package io.helio.platform.model;

import org.jspecify.annotations.Nullable;

/** A measure point: runtime data a device reports, optionally with a quality flag. */
public record MeasurePoint(
        PointId id, @Nullable String name, @Nullable String description, ValueType type, boolean hasQuality)
        implements ModelElement {

    @Override
    public String kind() {
        return "measure point";
    }
}
