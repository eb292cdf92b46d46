package io.helio.platform.rules;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One delivery of an alert's change to a webhook, and how its attempts went. */
record WebhookDelivery(
        UUID deliveryId,
        UUID alertId,
        String event,
        String url,
        String status,
        int attempts,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable Instant lastAttemptAt,
        Instant nextAttemptAt,
        @Nullable Instant deliveredAt) {}
