package io.helio.platform.rules;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An alert a rule raised for a device, and what became of it. */
record AlertRecord(
        UUID alertId,
        String ruleId,
        ProductKey product,
        DeviceKey device,
        String severity,
        String state,
        String message,
        Map<String, Object> values,
        Instant openedAt,
        @Nullable Instant recoveredAt,
        @Nullable String acknowledgedBy,
        @Nullable Instant acknowledgedAt,
        @Nullable String closedBy,
        @Nullable Instant closedAt) {}
