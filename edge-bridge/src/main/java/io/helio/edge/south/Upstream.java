package io.helio.edge.south;

import io.helio.edge.DeviceKeys;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Where a site device's requests other than telemetry and its comings and goings go: the cloud,
 * while the edge is connected to it.
 */
public interface Upstream {

    /** The cloud's reply to a device's request on {@code topic}; an error when the cloud cannot be reached now. */
    Mono<JsonNode> forward(String topic, JsonNode request);

    /** A device came online (its first session) or went offline (its last ended). */
    void presence(DeviceKeys device, boolean online);
}
