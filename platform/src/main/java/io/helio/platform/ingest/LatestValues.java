package io.helio.platform.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.LatestSample;
import io.helio.platform.timeseries.MeasurePointSample;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latest stored value of every measure point of every device, kept on ingest for the query
 * service and the rules. A value replaces another only if it is newer, so back-filled data never
 * hides a fresher value. Bounded: the least recently used devices fall out first.
 */
public class LatestValues {

    private record DeviceOf(TenantId tenant, ProductKey product, DeviceKey device) {}

    /**
     * One device's values, replaced as a whole so that a reader sees those of one sample together (a
     * value with its quality). Changed in place rather than through the cache: a cache write per
     * message cost more than the values themselves. An update racing the device's eviction is lost
     * with it, as is any evicted value; the query service reads those back from InfluxDB.
     */
    private static final class Kept {
        private volatile Map<String, LatestSample> values = Map.of();

        synchronized void change(Consumer<Map<String, LatestSample>> change) {
            Map<String, LatestSample> next = new HashMap<>(values);
            change.accept(next);
            values = Collections.unmodifiableMap(next);
        }
    }

    private final Cache<DeviceOf, Kept> devices;

    public LatestValues(long maxDevices) {
        this.devices = Caffeine.newBuilder().maximumSize(maxDevices).build();
    }

    /** Takes the sample's values where they are newer than what is kept (events are no measure points). */
    public void update(TenantId tenant, MeasurePointSample sample) {
        if (sample.isEvent()) {
            return;
        }
        kept(tenant, sample.product(), sample.device())
                .change(next -> sample.values()
                        .forEach((field, value) -> keepNewer(next, field, new LatestSample(sample.time(), value))));
    }

    /** Keeps these values (by field) where they are newer than what is kept: read back from storage, say. */
    public void remember(TenantId tenant, ProductKey product, DeviceKey device, Map<String, LatestSample> values) {
        kept(tenant, product, device).change(next -> values.forEach((field, fresh) -> keepNewer(next, field, fresh)));
    }

    /** The device's latest values by field (a quality flag is a field of its own); empty when none is kept. */
    public Map<String, LatestSample> of(TenantId tenant, ProductKey product, DeviceKey device) {
        Kept kept = devices.getIfPresent(new DeviceOf(tenant, product, device));
        return kept == null ? Map.of() : kept.values;
    }

    private Kept kept(TenantId tenant, ProductKey product, DeviceKey device) {
        return devices.get(new DeviceOf(tenant, product, device), key -> new Kept());
    }

    private static void keepNewer(Map<String, LatestSample> values, String field, LatestSample fresh) {
        values.merge(field, fresh, (old, candidate) -> candidate.time().isBefore(old.time()) ? old : candidate);
    }
}
