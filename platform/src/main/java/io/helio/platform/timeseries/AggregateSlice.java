package io.helio.platform.timeseries;

import org.jspecify.annotations.Nullable;

/** A part of an aggregate query's range, answered from a rollup or, when {@code rollup} is null, from raw data. */
public record AggregateSlice(AggregateQuery query, @Nullable Rollup rollup) {}
