package io.helio.platform.live;

import io.helio.platform.ingest.NewValuesListener;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;

/**
 * Hands the measure points ingestion has durably accepted to the live streams of their tenant, and
 * only theirs. Publishing costs a map lookup when a tenant has no stream open.
 */
public class LiveFeed implements NewValuesListener {

    /** Events a stream holds for a subscriber that is not keeping up (a power of two). */
    public static final int BUFFERED_EVENTS = 1024;

    private final ConcurrentHashMap<TenantId, Set<LiveSubscription>> subscriptions = new ConcurrentHashMap<>();

    @Override
    public void accepted(TenantId tenant, List<MeasurePointSample> samples) {
        Set<LiveSubscription> streams = subscriptions.get(tenant);
        if (streams == null) {
            return;
        }
        for (MeasurePointSample sample : samples) {
            if (!sample.isEvent()) {
                streams.forEach(stream -> stream.offer(sample));
            }
        }
    }

    /** The tenant's new values of {@code fields} (points and their quality flags) of the devices, from now on. */
    public Flux<LiveEvent> subscribe(TenantId tenant, ProductKey product, Set<DeviceKey> devices, Set<String> fields) {
        return Flux.defer(() -> {
            LiveSubscription subscription = new LiveSubscription(product, devices, fields, BUFFERED_EVENTS);
            subscriptions.compute(tenant, (key, streams) -> {
                Set<LiveSubscription> open = streams == null ? ConcurrentHashMap.newKeySet() : streams;
                open.add(subscription);
                return open;
            });
            return subscription.events().doFinally(ended -> forget(tenant, subscription));
        });
    }

    private void forget(TenantId tenant, LiveSubscription subscription) {
        subscription.close();
        subscriptions.computeIfPresent(tenant, (key, streams) -> {
            streams.remove(subscription);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** How many streams are open, across tenants. */
    public int openStreams() {
        return subscriptions.values().stream().mapToInt(Set::size).sum();
    }
}
