package io.helio.platform.connect;

import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.TopologyService;
import io.helio.platform.tenancy.TenantId;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A gateway logs its sub-devices in and out on its {@code /ext/session/} topics
 * ({@code combine.login}, {@code combine.login.batch}, {@code combine.logout}). Only a sub-device in
 * its topology, signed with the sub-device's own secret, logs in; from then on the gateway's session
 * may use the sub-device's topics.
 */
class SubDeviceLogins implements DeviceRequestHandler {

    private final TopologyService topology;
    private final SubDeviceCheck subDevices;
    private final GatewaySessions gateways;
    private final ConnectionRecorder connections;
    private final JsonMapper json;

    SubDeviceLogins(
            TopologyService topology,
            SubDeviceCheck subDevices,
            GatewaySessions gateways,
            ConnectionRecorder connections,
            JsonMapper json) {
        this.topology = topology;
        this.subDevices = subDevices;
        this.gateways = gateways;
        this.connections = connections;
        this.json = json;
    }

    @Override
    public Set<String> methods() {
        return Set.of("combine.login", "combine.login.batch", "combine.logout");
    }

    @Override
    public Mono<JsonNode> handle(DeviceRequest request) {
        return switch (request.method()) {
            case "combine.login" -> login(request, request.params()).map(this::loggedIn);
            case "combine.login.batch" -> loginAll(request);
            default -> logout(request);
        };
    }

    private Mono<DeviceRef> login(DeviceRequest request, JsonNode params) {
        TenantId tenant = request.device().tenant();
        DeviceRef gateway =
                new DeviceRef(request.device().product(), request.device().device());
        return subDevices
                .verified(tenant, SignedSubDevice.parse(params))
                .flatMap(sub -> topology.subDevices(tenant, gateway)
                        .any(sub::equals)
                        .flatMap(attached -> attached
                                ? Mono.just(sub)
                                : Mono.error(new InvalidPayloadException(
                                        "device " + sub + " is not a sub-device of gateway " + gateway))))
                .doOnNext(sub -> {
                    DeviceAddress address = new DeviceAddress(sub.product(), sub.device());
                    gateways.login(request.clientId(), address);
                    connections.online(address);
                });
    }

    /** Logs in every listed sub-device it can; the reply says which succeeded and why the others failed. */
    private Mono<JsonNode> loginAll(DeviceRequest request) {
        JsonNode list = request.params().path("subDevices");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidPayloadException("params.subDevices must be a list of sub-devices");
        }
        ObjectNode data = json.createObjectNode();
        ArrayNode succeeded = data.putArray("loginedSubDevices");
        ArrayNode failed = data.putArray("failedSubDevices");
        return Flux.fromStream(list.valueStream())
                .concatMap(node -> login(request, node)
                        .doOnNext(sub -> succeeded.add(loggedIn(sub)))
                        .onErrorResume(InvalidPayloadException.class, e -> {
                            failed.addObject()
                                    .put("productKey", node.path("productKey").asString(""))
                                    .put("deviceKey", node.path("deviceKey").asString(""))
                                    .put("message", e.getMessage());
                            return Mono.empty();
                        }))
                .then(Mono.just(data));
    }

    private Mono<JsonNode> logout(DeviceRequest request) {
        DeviceRef sub = SubDeviceCheck.refOf(request.params());
        DeviceAddress address = new DeviceAddress(sub.product(), sub.device());
        if (gateways.logout(request.clientId(), address)) {
            connections.offline(address);
        }
        return Mono.just(json.createObjectNode());
    }

    private JsonNode loggedIn(DeviceRef sub) {
        return json.createObjectNode()
                .put("assetId", sub.device().value())
                .put("productKey", sub.product().value())
                .put("deviceKey", sub.device().value());
    }
}
