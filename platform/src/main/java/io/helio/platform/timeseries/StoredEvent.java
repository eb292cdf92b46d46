package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import java.time.Instant;
import java.util.Map;

/** An event one device reported, with its output parameters typed as in the model. */
public record StoredEvent(DeviceKey device, String event, Instant time, Map<String, Object> output) {}
