package io.helio.platform.ingest;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductModel;
import io.helio.platform.timeseries.BeyondRetentionException;
import io.helio.platform.timeseries.TimeSeriesWriter;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Validates a device's measure points against its model and stores them in its tenant's time series. */
public class MeasurePointIngestor {

    private final TimeSeriesWriter writer;

    public MeasurePointIngestor(TimeSeriesWriter writer) {
        this.writer = writer;
    }

    /**
     * Completes once the points are stored; fails with {@link InvalidPayloadException} (nothing stored)
     * when they do not fit the model or are older than the tenant's retention.
     */
    public Mono<Void> post(ProductModel target, DeviceKey device, JsonNode params, Instant receivedAt) {
        return Mono.fromCallable(() -> MeasurePointValidator.sample(
                        target.model(), target.product().key(), device, params, receivedAt))
                .flatMap(sample -> writer.write(target.product().tenant(), List.of(sample)))
                .onErrorMap(BeyondRetentionException.class, tooOld -> new InvalidPayloadException(tooOld.getMessage()));
    }
}
