package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import java.time.Instant;
import java.util.Map;

/** The values one device reported at one instant, typed as in its model. */
public record RawRecord(DeviceKey device, Instant time, Map<String, Object> values) {}
