package io.helio.platform.rules;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule: a condition on a product's devices (all of them when {@code devices} is empty), the alert
 * it raises, and what is done when that alert opens or recovers.
 */
record AlertRule(
        TenantId tenant,
        String ruleId,
        String name,
        @Nullable String description,
        ProductKey product,
        List<DeviceKey> devices,
        RuleTrigger trigger,
        Duration delay,
        String severity,
        String message,
        boolean enabled,
        @Nullable RuleWebhook webhook,
        List<RuleCommand> commands,
        Instant createdAt,
        Instant updatedAt) {

    AlertRule {
        devices = List.copyOf(devices);
        commands = List.copyOf(commands);
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
                trigger,
                delay,
                severity,
                message,
                now,
                webhook,
                commands,
                createdAt,
                at);
    }

    /** This definition as a change of {@code existing}: its creation time kept, updated now. */
    AlertRule replacing(AlertRule existing, Instant now) {
        return new AlertRule(
                tenant,
                ruleId,
                name,
                description,
                product,
                devices,
                trigger,
                delay,
                severity,
                message,
                enabled,
                webhook,
                commands,
                existing.createdAt(),
                now);
    }
}
