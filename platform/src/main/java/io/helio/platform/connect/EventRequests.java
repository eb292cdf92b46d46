package io.helio.platform.connect;

import io.helio.platform.ingest.MeasurePointIngestor;
import io.helio.platform.model.DeviceDirectory;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code thing.event.{eventId}.post}: answered once the event is stored. */
class EventRequests implements DeviceRequestHandler {

    private static final String PREFIX = "thing.event.";
    private static final String SUFFIX = ".post";

    private final DeviceDirectory directory;
    private final MeasurePointIngestor ingestor;
    private final JsonMapper json;

    EventRequests(DeviceDirectory directory, MeasurePointIngestor ingestor, JsonMapper json) {
        this.directory = directory;
        this.ingestor = ingestor;
        this.json = json;
    }

    @Override
    public Set<String> methods() {
        return Set.of();
    }

    @Override
    public boolean serves(String method) {
        return method.startsWith(PREFIX)
                && method.endsWith(SUFFIX)
                && method.length() > PREFIX.length() + SUFFIX.length();
    }

    @Override
    public Mono<JsonNode> handle(DeviceRequest request) {
        String eventId =
                request.method().substring(PREFIX.length(), request.method().length() - SUFFIX.length());
        return directory
                .productModel(request.device().product())
                .flatMap(target -> ingestor.postEvent(
                        target, request.device().device(), eventId, request.params(), request.receivedAt()))
                .thenReturn(json.createObjectNode());
    }
}
