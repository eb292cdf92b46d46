package io.helio.platform.connect;

import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code thing.measurepoint.post} and {@code thing.measurepoint.resume} (back-filled data: stored
 * the same way; it must never trigger rules): answered once the points are stored.
 */
class MeasurePointRequests implements DeviceRequestHandler {

    private final DeviceDirectory directory;
    private final MeasurePointIngestor measurePoints;
    private final JsonMapper json;

    MeasurePointRequests(DeviceDirectory directory, MeasurePointIngestor measurePoints, JsonMapper json) {
        this.directory = directory;
        this.measurePoints = measurePoints;
        this.json = json;
    }

    @Override
    public Set<String> methods() {
        return Set.of("thing.measurepoint.post", "thing.measurepoint.resume");
    }

    @Override
    public Mono<JsonNode> handle(DeviceRequest request) {
        return directory
                .productModel(request.device().product())
                .flatMap(target -> measurePoints.post(
                        target,
                        request.device().device(),
                        request.params(),
                        request.receivedAt(),
                        request.method().endsWith(".resume")
                                ? MeasurePointIngestor.Arrival.BACK_FILLED
                                : MeasurePointIngestor.Arrival.NEW))
                .thenReturn(json.createObjectNode());
    }
}
