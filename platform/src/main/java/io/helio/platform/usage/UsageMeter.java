package io.helio.platform.usage;

import io.helio.platform.tenancy.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per tenant, the device messages and points accepted and the API requests let through,
 * without locks on the paths that count. The reporter drains the counts once per period; the same
 * counts go on, never reset, to the metrics ({@code helio.device.messages}, {@code helio.device.points},
 * {@code helio.api.requests}, tagged with the tenant).
 */
public class UsageMeter {

    /** What a tenant did in one period. */
    public record Counted(long messages, long points, long apiRequests) {}

    private static final class Counters {
        final LongAdder messages = new LongAdder();
        final LongAdder points = new LongAdder();
        final LongAdder apiRequests = new LongAdder();
        final AtomicBoolean touched = new AtomicBoolean(true);
    }

    /** A tenant's counters in the metrics. */
    private record Meters(Counter messages, Counter points, Counter apiRequests) {}

    private final Map<TenantId, Counters> counters = new ConcurrentHashMap<>();
    private final Map<TenantId, Meters> meters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public UsageMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    public void message(TenantId tenant) {
        of(tenant).messages.increment();
        metersOf(tenant).messages().increment();
    }

    public void points(TenantId tenant, int count) {
        of(tenant).points.add(count);
        metersOf(tenant).points().increment(count);
    }

    public void apiRequest(TenantId tenant) {
        of(tenant).apiRequests.increment();
        metersOf(tenant).apiRequests().increment();
    }

    private Meters metersOf(TenantId tenant) {
        return meters.computeIfAbsent(
                tenant,
                key -> new Meters(
                        counter("helio.device.messages", "device messages accepted", key),
                        counter("helio.device.points", "measure points accepted", key),
                        counter("helio.api.requests", "API requests let through", key)));
    }

    private Counter counter(String name, String description, TenantId tenant) {
        return Counter.builder(name)
                .description(description)
                .tag("tenant", tenant.value())
                .register(registry);
    }

    /** Something about the tenant changed that is not counted (a device came or went online). */
    public void touch(TenantId tenant) {
        of(tenant).touched.set(true);
    }

    /**
     * The counts since the last drain, for every tenant that did anything in that period or the one
     * before (so a tenant that fell silent is reported once more, with zeros).
     */
    Map<TenantId, Counted> drain() {
        Map<TenantId, Counted> period = new HashMap<>();
        counters.forEach((tenant, current) -> {
            Counted counted = new Counted(
                    current.messages.sumThenReset(), current.points.sumThenReset(), current.apiRequests.sumThenReset());
            boolean touched = current.touched.getAndSet(false);
            period.put(tenant, counted);
            if (!touched && counted.equals(new Counted(0, 0, 0))) {
                counters.remove(tenant, current);
            }
        });
        return period;
    }

    private Counters of(TenantId tenant) {
        return counters.computeIfAbsent(tenant, id -> new Counters());
    }
}
