package io.helio.platform.query;

import io.helio.platform.ingest.LatestValues;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.MeasurePoint;
import io.helio.platform.timeseries.FieldNames;
import io.helio.platform.timeseries.InfluxLatestReader;
import io.helio.platform.timeseries.LatestSample;
import io.helio.platform.timeseries.StoredValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Latest values from the latest-value cache that ingestion keeps. What the cache does not hold (after
 * a restart, for a device quiet since, or evicted) is read from InfluxDB and remembered there, so the
 * next question is answered from memory.
 */
class LatestDataService {

    private final LatestValues cache;
    private final InfluxLatestReader reader;
    private final StoredValues stored;

    LatestDataService(LatestValues cache, InfluxLatestReader reader, StoredValues stored) {
        this.cache = cache;
        this.reader = reader;
        this.stored = stored;
    }

    Mono<List<LatestPoint>> latest(Series series, @Nullable Instant since) {
        Set<DeviceKey> missingDevices = new LinkedHashSet<>();
        Set<MeasurePoint> missingPoints = new LinkedHashSet<>();
        for (DeviceKey device : series.devices()) {
            Map<String, LatestSample> kept = cache.of(series.tenant(), series.product(), device);
            for (MeasurePoint point : series.points().values()) {
                if (!kept.containsKey(point.id().value())) {
                    missingPoints.add(point);
                    missingDevices.add(device);
                }
            }
        }
        Mono<Void> warmed = missingDevices.isEmpty()
                ? Mono.empty()
                : reader.read(
                                series.tenant(),
                                series.product(),
                                List.copyOf(missingDevices),
                                List.copyOf(missingPoints),
                                Instant.EPOCH)
                        .doOnNext(found -> found.forEach(
                                (device, values) -> cache.remember(series.tenant(), series.product(), device, values)))
                        .then();
        return warmed.then(Mono.fromCallable(() -> fromCache(series, since)));
    }

    private List<LatestPoint> fromCache(Series series, @Nullable Instant since) {
        List<LatestPoint> latest = new ArrayList<>();
        for (DeviceKey device : series.devices()) {
            Map<String, LatestSample> kept = cache.of(series.tenant(), series.product(), device);
            for (MeasurePoint point : series.points().values()) {
                LatestSample value = kept.get(point.id().value());
                if (value == null || (since != null && value.time().isBefore(since))) {
                    continue;
                }
                LatestSample quality = point.hasQuality()
                        ? kept.get(FieldNames.quality(point.id().value()))
                        : null;
                latest.add(new LatestPoint(
                        device,
                        point.id().value(),
                        value.time(),
                        stored.read(value.value(), point.type().dataType()),
                        quality == null ? null : ((Number) quality.value()).longValue()));
            }
        }
        return latest;
    }
}
