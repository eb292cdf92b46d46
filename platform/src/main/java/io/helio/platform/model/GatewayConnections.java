package io.helio.platform.model;

import reactor.core.publisher.Mono;

/**
 * Connections that act for a gateway device beside its own MQTT sessions — an edge bridge's — and
 * end with them: when it is disabled or deleted, its secret rotated or a certificate revoked.
 */
public interface GatewayConnections {

    Mono<Void> close(ProductKey product, DeviceKey device);
}
