package io.helio.platform.edge;

import io.helio.platform.connect.ForwardedRequests;
import io.helio.platform.model.DeviceRef;
import io.helio.protocol.edge.EdgeRequest;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Device requests other than telemetry that an edge forwards (topology, attributes, tags, events):
 * served as the device's own publish would be, on {@code /sys/} topics of the gateway or its
 * sub-devices only; any other topic is answered 1009, as the broker's topic policy would refuse it.
 * After a change of topology the edge acts for its new sub-devices at once.
 */
class EdgeRequests {

    static final int NO_PERMISSION = 1009;

    private final EdgeDevices devices;
    private final ForwardedRequests forwarded;
    private final JsonMapper json;

    EdgeRequests(EdgeDevices devices, ForwardedRequests forwarded, JsonMapper json) {
        this.devices = devices;
        this.forwarded = forwarded;
        this.json = json;
    }

    Mono<JsonNode> serve(EdgeSession session, EdgeRequest request) {
        Optional<DeviceRef> device = forwarded.deviceOfSysTopic(request.topic());
        Mono<Boolean> allowed =
                device.map(found -> devices.mayActFor(session, found)).orElseGet(() -> Mono.just(false));
        return allowed.flatMap(mayAct -> mayAct
                ? forwarded
                        .serve("edge:" + session.gateway(), request.topic(), request.request())
                        .flatMap(reply -> request.topic().contains("/thing/topo/")
                                ? topologyChanged(session).thenReturn(reply)
                                : Mono.just(reply))
                : Mono.just(refusal(request)));
    }

    /** The edge now acts for the sub-devices it added, and commands waiting for them go to it. */
    private Mono<Void> topologyChanged(EdgeSession session) {
        return devices.refresh(session)
                .doOnNext(current -> devices.announce(session))
                .then();
    }

    private JsonNode refusal(EdgeRequest request) {
        return json.createObjectNode()
                .put("id", request.request().path("id").asString(""))
                .put("code", NO_PERMISSION)
                .put("message", "'" + request.topic() + "' is not a topic of the gateway or its sub-devices");
    }
}
