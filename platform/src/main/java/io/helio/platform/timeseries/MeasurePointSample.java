package io.helio.platform.timeseries;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Values one device reported at one instant, already validated and typed by the thing model:
 * {@link Long} for INT, {@link Double} for FLOAT and DOUBLE, {@link Boolean}, {@link String}. They
 * are measure points, or, when {@code event} names one, that event's output parameters.
 */
public record MeasurePointSample(
        ProductKey product,
        DeviceKey device,
        Instant time,
        Map<String, Object> values,
        @Nullable String event) {

    public MeasurePointSample {
        values = Map.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
    }

    /** Measure points. */
    public MeasurePointSample(ProductKey product, DeviceKey device, Instant time, Map<String, Object> values) {
        this(product, device, time, values, null);
    }

    public boolean isEvent() {
        return event != null;
    }
}
