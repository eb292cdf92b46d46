package io.helio.platform.usage;

import io.helio.platform.model.DeviceCounts;
import io.helio.platform.model.R2dbcDeviceRepository;
import io.helio.platform.tenancy.TenantId;
import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.admin.invoker.ApiException;
import io.helio.sdk.admin.model.UsageReport;
import io.helio.sdk.admin.model.UsageReportBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each time it runs, turns the meter's counts since the last run into rates, adds each tenant's
 * device counts and reports them to tenant-admin (it blocks: run it on a thread of its own). A
 * report tenant-admin does not take is not sent again: the next one replaces it.
 */
public class UsageReporter {

    private static final Logger log = LoggerFactory.getLogger(UsageReporter.class);
    private static final int BATCH = 10_000;
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(5);

    private final UsageMeter meter;
    private final R2dbcDeviceRepository devices;
    private final Supplier<HelioAdminClient> admin;
    private final Clock clock;
    private Instant periodStart;

    public UsageReporter(
            UsageMeter meter, R2dbcDeviceRepository devices, Supplier<HelioAdminClient> admin, Clock clock) {
        this.meter = meter;
        this.devices = devices;
        this.admin = admin;
        this.clock = clock;
        this.periodStart = clock.instant();
    }

    void report() throws ApiException {
        Instant now = clock.instant();
        double seconds = Math.max(0.001, Duration.between(periodStart, now).toMillis() / 1000.0);
        periodStart = now;
        List<UsageReport> reports = new ArrayList<>();
        for (Map.Entry<TenantId, UsageMeter.Counted> tenant : meter.drain().entrySet()) {
            UsageMeter.Counted counted = tenant.getValue();
            DeviceCounts counts = devices.countByStatus(tenant.getKey()).block(COUNT_TIMEOUT);
            reports.add(new UsageReport()
                    .tenantId(tenant.getKey().value())
                    .measuredAt(now.atOffset(ZoneOffset.UTC))
                    .devices(counts == null ? 0 : (int) counts.total())
                    .onlineDevices(counts == null ? 0 : (int) counts.online())
                    .messagesPerSecond(counted.messages() / seconds)
                    .pointsPerSecond(counted.points() / seconds)
                    .apiRequestsPerSecond(counted.apiRequests() / seconds));
        }
        for (int from = 0; from < reports.size(); from += BATCH) {
            List<UsageReport> batch = reports.subList(from, Math.min(reports.size(), from + BATCH));
            admin.get().usage().recordUsage(new UsageReportBatch().items(new ArrayList<>(batch)));
        }
    }

    public void reportSafely() {
        try {
            report();
        } catch (ApiException | RuntimeException e) {
            log.warn("usage not reported to tenant-admin this period; the next report replaces it", e);
        }
    }
}
