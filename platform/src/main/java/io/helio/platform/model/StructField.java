package io.helio.platform.model;

import org.jspecify.annotations.Nullable;

/** A named, typed field of a STRUCT. */
public record StructField(PointId id, @Nullable String name, ValueType type) {}
