package io.helio.platform.edge;

import io.helio.platform.command.EdgeRoute;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.GatewayConnections;
import io.helio.platform.model.ProductKey;
import io.helio.protocol.edge.EdgeCommand;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The edges connected to this node, by connection: commands for their devices travel to them as
 * requests on the same connection; an edge's connection ends when its gateway's sessions must.
 */
class EdgeSessions implements EdgeRoute, GatewayConnections {

    /** The longest a command's request may wait for its edge's answer (a SYNC command's own timeout is shorter). */
    private static final Duration LONGEST_ANSWER = Duration.ofSeconds(60);

    private final Map<RSocketRequester, EdgeSession> sessions = new ConcurrentHashMap<>();

    void opened(RSocketRequester edge, EdgeSession session) {
        sessions.put(edge, session);
    }

    void closed(RSocketRequester edge) {
        sessions.remove(edge);
    }

    /** Whether an open edge connection other than {@code closing}'s has the device present. */
    boolean presentElsewhere(EdgeSession closing, DeviceRef device) {
        return sessions.values().stream()
                .anyMatch(other -> other != closing && other.present().contains(device));
    }

    Optional<EdgeSession> of(RSocketRequester edge) {
        return Optional.ofNullable(sessions.get(edge));
    }

    @Override
    public Mono<Void> close(ProductKey product, DeviceKey device) {
        DeviceRef gateway = new DeviceRef(product, device);
        return Mono.fromRunnable(() -> sessions.forEach((edge, session) -> {
            if (session.gateway().equals(gateway)) {
                edge.dispose();
            }
        }));
    }

    @Override
    public boolean reaches(ProductKey product, DeviceKey device) {
        return edgeOf(new DeviceRef(product, device)).isPresent();
    }

    @Override
    public Mono<JsonNode> send(ProductKey product, DeviceKey device, String id, String service, JsonNode params) {
        return Mono.justOrEmpty(edgeOf(new DeviceRef(product, device)))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no edge serves " + product + "/" + device)))
                .flatMap(edge -> edge.route("command")
                        .data(new EdgeCommand(
                                id,
                                product.value(),
                                device.value(),
                                "thing.service." + service.replace('/', '.'),
                                params))
                        .retrieveMono(JsonNode.class)
                        .timeout(LONGEST_ANSWER));
    }

    private Optional<RSocketRequester> edgeOf(DeviceRef device) {
        return sessions.entrySet().stream()
                .filter(entry -> entry.getValue().mayActFor(device))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
