package io.helio.platform.model;

import org.jspecify.annotations.Nullable;

/** An input or output of a service, or an output of an event. */
public record Parameter(PointId id, @Nullable String name, ValueType type) {}
