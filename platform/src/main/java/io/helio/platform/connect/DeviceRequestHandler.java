package io.helio.platform.connect;

import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Serves some methods of the device protocol. Completes with the reply's {@code data} once the
 * request is done (stored, changed); fails with {@link io.helio.platform.ingest.InvalidPayloadException}
 * when the request does not fit the device's model.
 */
interface DeviceRequestHandler {

    Set<String> methods();

    /** Whether it serves a method not named in {@link #methods()} (one with an identifier inside). */
    default boolean serves(String method) {
        return false;
    }

    Mono<JsonNode> handle(DeviceRequest request);
}
