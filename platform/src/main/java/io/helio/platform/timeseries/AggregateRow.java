package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import java.time.Instant;
import java.util.Map;

/** One device's aggregates in the bucket starting at {@code bucket}; a point without data is absent. */
public record AggregateRow(DeviceKey device, Instant bucket, Map<String, Object> values) {}
