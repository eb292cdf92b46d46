package io.helio.platform.connect;

import io.helio.platform.ingest.InvalidPayloadException;
import io.helio.platform.ingest.MeasurePointBatch;
import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import io.helio.platform.model.DeviceRef;
import io.helio.platform.model.TopologyService;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code thing.measurepoint.post.batch} and {@code .resume.batch}: a gateway posts for itself and
 * its logged-in sub-devices (also for sub-devices that are not logged in, if the request says
 * {@code allowOfflineSubDevice}), or one device for many timestamps. The batch is stored whole or
 * not at all; with {@code skipInvalidMeasurepoints} invalid points are left out and listed in the
 * reply instead.
 */
class MeasurePointBatchRequests implements DeviceRequestHandler {

    private static final int MAX_ENTRIES = 1_000;

    private final DeviceDirectory directory;
    private final TopologyService topology;
    private final GatewaySessions gateways;
    private final MeasurePointIngestor measurePoints;
    private final JsonMapper json;

    MeasurePointBatchRequests(
            DeviceDirectory directory,
            TopologyService topology,
            GatewaySessions gateways,
            MeasurePointIngestor measurePoints,
            JsonMapper json) {
        this.directory = directory;
        this.topology = topology;
        this.gateways = gateways;
        this.measurePoints = measurePoints;
        this.json = json;
    }

    @Override
    public Set<String> methods() {
        return Set.of("thing.measurepoint.post.batch", "thing.measurepoint.resume.batch");
    }

    @Override
    public Mono<JsonNode> handle(DeviceRequest request) {
        JsonNode entries = request.params();
        if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            return Mono.error(new InvalidPayloadException("params must be an array of 1 to " + MAX_ENTRIES
                    + " entries with productKey, deviceKey, measurepoints"));
        }
        DeviceRef sender =
                new DeviceRef(request.device().product(), request.device().device());
        boolean offlineAllowed = request.flag("allowOfflineSubDevice");
        return Flux.fromIterable(entries)
                .concatMap(entry -> resolve(request, sender, entry, offlineAllowed))
                .collectList()
                .flatMap(resolved -> measurePoints.postBatch(
                        request.device().tenant(),
                        resolved,
                        request.flag("skipInvalidMeasurepoints"),
                        request.receivedAt(),
                        request.method().endsWith(".resume.batch")
                                ? MeasurePointIngestor.Arrival.BACK_FILLED
                                : MeasurePointIngestor.Arrival.NEW))
                .map(this::reply);
    }

    /** The entry's device and model, if the sender may post for that device. */
    private Mono<MeasurePointBatch.Entry> resolve(
            DeviceRequest request, DeviceRef sender, JsonNode entry, boolean offlineAllowed) {
        DeviceRef device = SubDeviceCheck.refOf(entry);
        String named = device.product() + "/" + device.device();
        Mono<Boolean> allowed = device.equals(sender)
                        || gateways.isLoggedIn(request.clientId(), new DeviceAddress(device.product(), device.device()))
                ? Mono.just(true)
                : offlineAllowed
                        ? topology.subDevices(request.device().tenant(), sender).any(device::equals)
                        : Mono.just(false);
        return allowed.flatMap(may -> may
                        ? directory.productModel(device.product())
                        : Mono.error(new InvalidPayloadException(named + " is neither this device nor one of its"
                                + (offlineAllowed ? "" : " logged-in") + " sub-devices; nothing was stored")))
                .filter(target ->
                        target.product().tenant().equals(request.device().tenant()))
                .switchIfEmpty(Mono.error(() -> new InvalidPayloadException("no device " + named)))
                .map(target -> new MeasurePointBatch.Entry(target, device.device(), entry));
    }

    private JsonNode reply(MeasurePointBatch.Result result) {
        ObjectNode data = json.createObjectNode().put("stored", result.stored());
        if (!result.skipped().isEmpty()) {
            var skipped = data.putArray("skipped");
            result.skipped()
                    .forEach(point -> skipped.addObject()
                            .put("productKey", point.productKey())
                            .put("deviceKey", point.deviceKey())
                            .put("measurepoint", point.point())
                            .put("reason", point.reason()));
        }
        return data;
    }
}
