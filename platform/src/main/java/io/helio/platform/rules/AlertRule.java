package io.helio.platform.rules;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A rule: a condition on a product's devices (all of them when {@code devices} is empty) and the alert it raises. */
record AlertRule(
        TenantId tenant,
        String ruleId,
        String name,
        @Nullable String description,
        ProductKey product,
        List<DeviceKey> devices,
        String expression,
        Duration delay,
        String severity,
        String message,
        boolean enabled,
        @Nullable RuleWebhook webhook,
        Instant createdAt,
        Instant updatedAt) {

    AlertRule {
        devices = List.copyOf(devices);
    }

    boolean covers(DeviceKey device) {
        return devices.isEmpty() || devices.contains(device);
    }

    AlertRule enabled(boolean now, Instant at) {
        return new AlertRule(
                tenant,
                ruleId,
                name,
                description,
                product,
                devices,
                expression,
                delay,
                severity,
                message,
                now,
                webhook,
                createdAt,
                at);
    }
}
