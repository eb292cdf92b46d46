package io.helio.edge.south;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Where a site device's requests other than telemetry go: the cloud, while the edge is connected to it. */
public interface Upstream {

    /** The cloud's reply to a device's request on {@code topic}; an error when the cloud cannot be reached now. */
    Mono<JsonNode> forward(String topic, JsonNode request);
}
