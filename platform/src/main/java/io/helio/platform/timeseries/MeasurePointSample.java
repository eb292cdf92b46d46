package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Instant;
import java.util.Map;

/**
 * Values one device reported at one instant, already validated and typed by the thing model:
 * {@link Long} for INT, {@link Double} for FLOAT and DOUBLE, {@link Boolean}, {@link String}.
 */
public record MeasurePointSample(ProductKey product, DeviceKey device, Instant time, Map<String, Object> values) {

    public MeasurePointSample {
        values = Map.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
    }
}
