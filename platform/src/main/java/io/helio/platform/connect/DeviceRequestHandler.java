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

    Mono<JsonNode> handle(DeviceRequest request);
}
