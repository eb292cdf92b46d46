package io.helio.platform.model;

import org.jspecify.annotations.Nullable;

/** A measure point of a thing model: runtime data a device reports. */
public record MeasurePoint(PointId id, @Nullable String name, DataType dataType) {}
