package io.helio.platform.timeseries;

import java.time.Instant;

/** A point's latest value (in its stored form: arrays and structs as JSON text) and when it was measured. */
public record LatestSample(Instant time, Object value) {}
