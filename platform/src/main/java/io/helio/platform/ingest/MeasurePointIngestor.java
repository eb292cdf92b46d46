package io.helio.platform.ingest;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductModel;
import io.helio.platform.tenancy.DeviceRateLimits;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import io.helio.platform.timeseries.RollupRepair;
import io.helio.platform.timeseries.StoreRefusedException;
import io.helio.platform.timeseries.TimeSeriesWriter;
import io.helio.platform.usage.UsageMeter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Validates a device's measure points against its model and stores them in its tenant's time series. */
public class MeasurePointIngestor {

    private final TimeSeriesWriter writer;
    private final DeviceRateLimits rateLimits;
    private final UsageMeter usage;
    private final LatestValues latest;
    private final RollupRepair rollups;
    private final List<NewValuesListener> listeners;

    public MeasurePointIngestor(
            TimeSeriesWriter writer,
            DeviceRateLimits rateLimits,
            UsageMeter usage,
            LatestValues latest,
            RollupRepair rollups,
            List<NewValuesListener> listeners) {
        this.writer = writer;
        this.rateLimits = rateLimits;
        this.usage = usage;
        this.latest = latest;
        this.rollups = rollups;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * New data goes to the listeners (live streams, rules); back-filled ({@code resume}) data and
     * values the platform derived (a rule's window aggregate) only to storage and the latest values,
     * so derived values can never feed the rules that derive them.
     */
    public enum Arrival {
        NEW,
        BACK_FILLED,
        DERIVED
    }

    /**
     * Completes once the points are stored; fails with {@link InvalidPayloadException} (nothing stored)
     * when they do not fit the model or are older than the tenant's retention.
     */
    public Mono<Void> post(
            ProductModel target, DeviceKey device, JsonNode params, Instant receivedAt, Arrival arrival) {
        return Mono.fromCallable(() -> MeasurePointValidator.sample(
                        target.model(), target.product().key(), device, params, receivedAt))
                .flatMap(sample -> store(target.product().tenant(), List.of(sample), arrival));
    }

    /** Completes once the event is stored; fails with {@link InvalidPayloadException} when the model does not define it so. */
    public Mono<Void> postEvent(
            ProductModel target, DeviceKey device, String eventId, JsonNode params, Instant receivedAt) {
        return Mono.fromCallable(() -> EventValidator.sample(
                        target.model(), eventId, target.product().key(), device, params, receivedAt))
                .flatMap(sample -> store(target.product().tenant(), List.of(sample), Arrival.NEW));
    }

    /** Stores values the platform computed for a device (see {@link Arrival#DERIVED}). */
    public Mono<Void> postDerived(TenantId tenant, MeasurePointSample sample) {
        return store(tenant, List.of(sample), Arrival.DERIVED);
    }

    /**
     * Stores the entries of a batch together, or none of them: an invalid point fails the batch
     * unless {@code skipInvalid}, when it is left out and reported.
     */
    public Mono<MeasurePointBatch.Result> postBatch(
            TenantId tenant,
            List<MeasurePointBatch.Entry> entries,
            boolean skipInvalid,
            Instant receivedAt,
            Arrival arrival) {
        return Mono.defer(() -> {
            List<MeasurePointSample> samples = new ArrayList<>();
            List<MeasurePointBatch.Skipped> skipped = new ArrayList<>();
            for (MeasurePointBatch.Entry entry : entries) {
                MeasurePointValidator.Validated validated = MeasurePointValidator.validate(
                        entry.target().model(),
                        entry.target().product().key(),
                        entry.device(),
                        entry.params(),
                        receivedAt,
                        skipInvalid);
                samples.add(validated.sample());
                validated
                        .skipped()
                        .forEach((point, reason) -> skipped.add(new MeasurePointBatch.Skipped(
                                entry.target().product().key().value(),
                                entry.device().value(),
                                point,
                                reason)));
            }
            return store(tenant, samples, arrival).thenReturn(new MeasurePointBatch.Result(samples.size(), skipped));
        });
    }

    private Mono<Void> store(TenantId tenant, List<MeasurePointSample> samples, Arrival arrival) {
        int points = samples.stream().mapToInt(sample -> sample.values().size()).sum();
        return rateLimits
                .admitPoints(tenant, points)
                .then(Mono.defer(() -> writer.write(tenant, samples)))
                .then(Mono.defer(() -> rollups.stored(tenant, samples)))
                .doOnSuccess(stored -> {
                    usage.points(tenant, points);
                    samples.forEach(sample -> latest.update(tenant, sample));
                    if (arrival == Arrival.NEW) {
                        listeners.forEach(listener -> listener.accepted(tenant, samples));
                    }
                })
                .onErrorMap(StoreRefusedException.class, refused -> new InvalidPayloadException(refused.getMessage()));
    }
}
