package io.helio.platform.model;

import org.jspecify.annotations.Nullable;

/** An attribute: static data of a device. */
public record Attribute(
        PointId id, @Nullable String name, @Nullable String description, ValueType type, boolean required)
        implements ModelElement {

    @Override
    public String kind() {
        return "attribute";
    }
}
