package io.helio.platform.ingest;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductModel;
import io.helio.platform.tenancy.DeviceRateLimits;
import io.helio.platform.timeseries.StoreRefusedException;
import io.helio.platform.timeseries.TimeSeriesWriter;
import io.helio.platform.usage.UsageMeter;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Validates a device's measure points against its model and stores them in its tenant's time series. */
public class MeasurePointIngestor {

    private final TimeSeriesWriter writer;
    private final DeviceRateLimits rateLimits;
    private final UsageMeter usage;
    private final LatestValues latest;

    public MeasurePointIngestor(
            TimeSeriesWriter writer, DeviceRateLimits rateLimits, UsageMeter usage, LatestValues latest) {
        this.writer = writer;
        this.rateLimits = rateLimits;
        this.usage = usage;
        this.latest = latest;
    }

    /**
     * Completes once the points are stored; fails with {@link InvalidPayloadException} (nothing stored)
     * when they do not fit the model or are older than the tenant's retention.
     */
    public Mono<Void> post(ProductModel target, DeviceKey device, JsonNode params, Instant receivedAt) {
        return Mono.fromCallable(() -> MeasurePointValidator.sample(
                        target.model(), target.product().key(), device, params, receivedAt))
                .flatMap(sample -> rateLimits
                        .admitPoints(target.product().tenant(), sample.values().size())
                        .then(Mono.defer(() -> writer.write(target.product().tenant(), List.of(sample))))
                        .doOnSuccess(stored -> {
                            usage.points(
                                    target.product().tenant(), sample.values().size());
                            latest.update(target.product().tenant(), sample);
                        }))
                .onErrorMap(StoreRefusedException.class, refused -> new InvalidPayloadException(refused.getMessage()));
    }
}
