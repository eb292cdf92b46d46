package io.helio.platform.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.LatestSample;
import io.helio.platform.timeseries.MeasurePointSample;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest stored value of every measure point of every device, kept on ingest for the query
 * service and the rules. A value replaces another only if it is newer, so back-filled data never
 * hides a fresher value. Bounded: the least recently updated devices fall out first.
 */
public class LatestValues {

    private record DeviceOf(TenantId tenant, ProductKey product, DeviceKey device) {}

    private final Cache<DeviceOf, Map<String, LatestSample>> devices;

    public LatestValues(long maxDevices) {
        this.devices = Caffeine.newBuilder().maximumSize(maxDevices).build();
    }

    /** Takes the sample's values where they are newer than what is kept (events are no measure points). */
    public void update(TenantId tenant, MeasurePointSample sample) {
        if (sample.isEvent()) {
            return;
        }
        Map<String, LatestSample> values = new HashMap<>();
        sample.values().forEach((point, value) -> values.put(point, new LatestSample(sample.time(), value)));
        remember(tenant, sample.product(), sample.device(), values);
    }

    /** Keeps these values (by field) where they are newer than what is kept: read back from storage, say. */
    public void remember(TenantId tenant, ProductKey product, DeviceKey device, Map<String, LatestSample> values) {
        devices.asMap().compute(new DeviceOf(tenant, product, device), (key, kept) -> {
            Map<String, LatestSample> next = kept == null ? new HashMap<>() : new HashMap<>(kept);
            values.forEach((field, fresh) -> next.merge(
                    field, fresh, (old, candidate) -> candidate.time().isBefore(old.time()) ? old : candidate));
            return Map.copyOf(next);
        });
    }

    /** The device's latest values by field (a quality flag is a field of its own); empty when none is kept. */
    public Map<String, LatestSample> of(TenantId tenant, ProductKey product, DeviceKey device) {
        Map<String, LatestSample> kept = devices.getIfPresent(new DeviceOf(tenant, product, device));
        return kept == null ? Map.of() : kept;
    }
}
