package io.helio.platform.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helio.platform.ingest.NewValuesListener;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import io.helio.platform.timeseries.MeasurePointSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Remembers in PostgreSQL when each device last posted new values, for rules on silence: at most once
 * per device every {@code resolution} (30 s by default), written in one batch a second, so a busy device costs the
 * database nothing more than a quiet one. Every node records the devices connected to it.
 */
class DataArrivals implements NewValuesListener {

    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DataArrivals.class);

    private record Device(TenantId tenant, ProductKey product, DeviceKey device) {}

    private final DatabaseClient db;
    private final TenantScope scope;
    private final Duration resolution;
    private final Clock clock;
    private final Cache<Device, Instant> recorded =
            Caffeine.newBuilder().maximumSize(1_000_000).build();
    private final Map<Device, Instant> unwritten = new ConcurrentHashMap<>();

    DataArrivals(DatabaseClient db, TenantScope scope, Duration resolution, Clock clock) {
        this.db = db;
        this.scope = scope;
        this.resolution = resolution;
        this.clock = clock;
    }

    @Override
    public void accepted(TenantId tenant, List<MeasurePointSample> samples) {
        Instant now = clock.instant();
        for (MeasurePointSample sample : samples) {
            Device device = new Device(tenant, sample.product(), sample.device());
            Instant last = recorded.getIfPresent(device);
            if (last == null || !now.isBefore(last.plus(resolution))) {
                recorded.put(device, now);
                unwritten.put(device, now);
            }
        }
    }

    /** Writes the arrivals recorded since the last flush; blocks until they are written. */
    void flush() {
        List<Device> devices = new ArrayList<>(unwritten.keySet());
        if (devices.isEmpty()) {
            return;
        }
        List<Instant> times = devices.stream().map(unwritten::remove).toList();
        try {
            scope.acrossTenants(() -> db.sql("INSERT INTO device_data_arrivals (tenant_id, product_key, device_key,"
                                    + " last_at) SELECT * FROM unnest(:tenants::varchar[], :products::varchar[],"
                                    + " :devices::varchar[], :times::timestamptz[]) ON CONFLICT (tenant_id,"
                                    + " product_key, device_key) DO UPDATE SET last_at = GREATEST("
                                    + "device_data_arrivals.last_at, EXCLUDED.last_at)")
                            .bind(
                                    "tenants",
                                    column(devices, device -> device.tenant().value()))
                            .bind(
                                    "products",
                                    column(devices, device -> device.product().value()))
                            .bind(
                                    "devices",
                                    column(devices, device -> device.device().value()))
                            .bind("times", times.stream().map(Instant::toString).toArray(String[]::new))
                            .then())
                    .block(FLUSH_TIMEOUT);
        } catch (RuntimeException failed) {
            log.warn("could not record when {} devices last posted; trying again", devices.size(), failed);
            for (int i = 0; i < devices.size(); i++) {
                unwritten.merge(devices.get(i), times.get(i), (newer, older) -> newer.isAfter(older) ? newer : older);
            }
        }
    }

    private static String[] column(List<Device> devices, Function<Device, String> field) {
        return devices.stream().map(field).toArray(String[]::new);
    }
}
