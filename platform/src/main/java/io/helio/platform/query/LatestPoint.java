package io.helio.platform.query;

import io.helio.platform.model.DeviceKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A point's latest value of one device, typed as in the model, with its quality flag if it carries one. */
record LatestPoint(
        DeviceKey device,
        String point,
        Instant time,
        Object value,
        @Nullable Long quality) {}
