package io.helio.platform.rules;

import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A rule: a condition on the devices of its scope, the alert it raises, and what is done when that alert opens or recovers. */
record AlertRule(
        TenantId tenant,
        String ruleId,
        String name,
        @Nullable String description,
        RuleScope scope,
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
        commands = List.copyOf(commands);
    }

    /** The product of a product's rule; null for a model's. */
    @Nullable
    ProductKey product() {
        return scope instanceof RuleScope.OfProduct ofProduct ? ofProduct.product() : null;
    }

    AlertRule enabled(boolean now, Instant at) {
        return with(now, createdAt, at);
    }

    /** This definition as a change of {@code existing}: its creation time kept, updated now. */
    AlertRule replacing(AlertRule existing, Instant now) {
        return with(enabled, existing.createdAt(), now);
    }

    private AlertRule with(boolean enabled, Instant createdAt, Instant updatedAt) {
        return new AlertRule(
                tenant,
                ruleId,
                name,
                description,
                scope,
                trigger,
                delay,
                severity,
                message,
                enabled,
                webhook,
                commands,
                createdAt,
                updatedAt);
    }
}
