package io.helio.platform.live;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Instant;
import java.util.Map;

/**
 * Values one device reported at one instant (in their stored form, by field), as a stream delivers
 * them, with how many events the stream dropped since the one before.
 */
public record LiveEvent(ProductKey product, DeviceKey device, Instant time, Map<String, Object> values, long dropped) {}
