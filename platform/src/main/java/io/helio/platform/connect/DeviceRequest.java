package io.helio.platform.connect;

import io.helio.platform.model.DeviceCredentials;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A decoded request of a known device, on a topic whose method it carries, from the session {@code clientId}. */
record DeviceRequest(
        String clientId,
        DeviceTopics.SysTopic topic,
        String id,
        String method,
        JsonNode params,
        DeviceCredentials device,
        Instant receivedAt) {}
