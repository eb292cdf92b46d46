package io.helio.platform.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest stored value of every measure point of every device, kept on ingest for the query
 * service and the rules. A value replaces another only if it is newer, so back-filled data never
 * hides a fresher value. Bounded: the least recently updated devices fall out first.
 */
public class LatestValues {

    /** A point's latest value and when it was measured. */
    public record Latest(Instant time, Object value) {}

    private record DeviceOf(TenantId tenant, ProductKey product, DeviceKey device) {}

    private final Cache<DeviceOf, Map<String, Latest>> devices;

    public LatestValues(long maxDevices) {
        this.devices = Caffeine.newBuilder().maximumSize(maxDevices).build();
    }

    /** Takes the sample's values where they are newer than what is kept (events are no measure points). */
    public void update(TenantId tenant, MeasurePointSample sample) {
        if (sample.isEvent()) {
            return;
        }
        devices.asMap().compute(new DeviceOf(tenant, sample.product(), sample.device()), (device, kept) -> {
            Map<String, Latest> next = kept == null ? new HashMap<>() : new HashMap<>(kept);
            sample.values()
                    .forEach((point, value) -> next.merge(
                            point,
                            new Latest(sample.time(), value),
                            (old, fresh) -> fresh.time().isBefore(old.time()) ? old : fresh));
            return Map.copyOf(next);
        });
    }

    /** The device's latest values by point; empty when none is kept. */
    public Map<String, Latest> of(TenantId tenant, ProductKey product, DeviceKey device) {
        Map<String, Latest> kept = devices.getIfPresent(new DeviceOf(tenant, product, device));
        return kept == null ? Map.of() : kept;
    }
}
