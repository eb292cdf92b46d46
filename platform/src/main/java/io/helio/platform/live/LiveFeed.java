package io.helio.platform.live;

import io.helio.platform.ingest.NewValuesListener;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;

/** Hands the measure points ingestion has durably accepted to the live streams of their tenant, and only theirs. */
public class LiveFeed implements NewValuesListener {

    /** Events a stream holds for a subscriber that is not keeping up. */
    public static final int BUFFERED_EVENTS = TenantStreams.BUFFERED;

    private final TenantStreams<MeasurePointSample> streams = new TenantStreams<>();

    @Override
    public void accepted(TenantId tenant, List<MeasurePointSample> samples) {
        for (MeasurePointSample sample : samples) {
            if (!sample.isEvent()) {
                streams.publish(tenant, sample);
            }
        }
    }

    /** The tenant's new values of {@code fields} (points and their quality flags) of the devices, from now on. */
    public Flux<LiveEvent> subscribe(TenantId tenant, ProductKey product, Set<DeviceKey> devices, Set<String> fields) {
        Set<DeviceKey> watched = Set.copyOf(devices);
        Set<String> asked = Set.copyOf(fields);
        return streams.subscribe(
                        tenant,
                        sample -> sample.product().equals(product)
                                && watched.contains(sample.device())
                                && sample.values().keySet().stream().anyMatch(asked::contains))
                .map(delivered -> {
                    MeasurePointSample sample = delivered.item();
                    Map<String, Object> values = new HashMap<>();
                    sample.values().forEach((field, value) -> {
                        if (asked.contains(field)) {
                            values.put(field, value);
                        }
                    });
                    return new LiveEvent(
                            sample.product(), sample.device(), sample.time(), values, delivered.droppedBefore());
                });
    }

    /** How many streams are open, across tenants. */
    public int openStreams() {
        return streams.open();
    }
}
