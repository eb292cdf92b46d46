package io.helio.platform.connect;

import io.helio.platform.model.DeviceCredentials;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A decoded request of a known device, on a topic whose method it carries, from the session
 * {@code clientId}; {@code envelope} is the whole request, for flags beside the params.
 */
record DeviceRequest(
        String clientId,
        DeviceTopics.SysTopic topic,
        String id,
        String method,
        JsonNode params,
        JsonNode envelope,
        DeviceCredentials device,
        Instant receivedAt) {

    /** A boolean flag of the request (beside {@code params}), false when absent. */
    boolean flag(String name) {
        return envelope.path(name).asBoolean(false);
    }
}
