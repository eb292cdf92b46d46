package io.helio.platform.usage;

import io.helio.platform.tenancy.TenantId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per tenant, the device messages and points accepted and the API requests let through,
 * without locks on the paths that count. The reporter drains the counts once per period.
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

    private final Map<TenantId, Counters> counters = new ConcurrentHashMap<>();

    public void message(TenantId tenant) {
        of(tenant).messages.increment();
    }

    public void points(TenantId tenant, int count) {
        of(tenant).points.add(count);
    }

    public void apiRequest(TenantId tenant) {
        of(tenant).apiRequests.increment();
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
