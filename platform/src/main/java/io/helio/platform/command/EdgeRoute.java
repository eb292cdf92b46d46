package io.helio.platform.command;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * How a command reaches a device behind an edge bridge connected to this node: as a request on the
 * edge's own connection, answered with the device's reply ({@code {"id","code","message","data"}}).
 */
public interface EdgeRoute {

    boolean reaches(ProductKey product, DeviceKey device);

    Mono<JsonNode> send(ProductKey product, DeviceKey device, String id, String service, JsonNode params);
}
