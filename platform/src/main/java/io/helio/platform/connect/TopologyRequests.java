package io.helio.platform.connect;

import io.helio.errors.ApiException;
import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.TopologyService;
import io.helio.platform.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * A gateway's own topology: {@code thing.topo.add} (each sub-device signed with its own secret),
 * {@code thing.topo.delete} and {@code thing.topo.get}, with the same rules as the API.
 */
class TopologyRequests implements DeviceRequestHandler {

    private final TopologyService topology;
    private final SubDeviceCheck subDevices;
    private final JsonMapper json;

    TopologyRequests(TopologyService topology, SubDeviceCheck subDevices, JsonMapper json) {
        this.topology = topology;
        this.subDevices = subDevices;
        this.json = json;
    }

    @Override
    public Set<String> methods() {
        return Set.of("thing.topo.add", "thing.topo.delete", "thing.topo.get");
    }

    @Override
    public Mono<JsonNode> handle(DeviceRequest request) {
        TenantId tenant = request.device().tenant();
        DeviceRef gateway =
                new DeviceRef(request.device().product(), request.device().device());
        Mono<JsonNode> done = Mono.fromSupplier(json::createObjectNode);
        return switch (request.method()) {
            case "thing.topo.add" ->
                Flux.fromIterable(list(request.params()))
                        .concatMap(node -> subDevices.verified(tenant, SignedSubDevice.parse(node)))
                        .concatMap(sub -> topology.add(tenant, gateway, sub))
                        .onErrorMap(ApiException.class, e -> new InvalidPayloadException(e.getMessage()))
                        .then(done);
            case "thing.topo.delete" ->
                Flux.fromIterable(list(request.params()))
                        .map(SubDeviceCheck::refOf)
                        .concatMap(sub -> topology.remove(tenant, gateway, sub))
                        .onErrorMap(ApiException.class, e -> new InvalidPayloadException(e.getMessage()))
                        .then(done);
            default -> topology.subDevices(tenant, gateway).collectList().map(this::asArray);
        };
    }

    private JsonNode asArray(List<DeviceRef> subDevices) {
        ArrayNode array = json.createArrayNode();
        subDevices.forEach(sub -> array.addObject()
                .put("productKey", sub.product().value())
                .put("deviceKey", sub.device().value()));
        return array;
    }

    private static List<JsonNode> list(JsonNode params) {
        if (!params.isArray() || params.isEmpty()) {
            throw new InvalidPayloadException("params must be a list of sub-devices");
        }
        List<JsonNode> items = new ArrayList<>();
        params.forEach(items::add);
        return items;
    }
}
