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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every period, turns the meter's counts into rates, adds each tenant's device counts and reports
 * them to tenant-admin, from a thread of its own (the admin client blocks). A report tenant-admin
 * does not take is not sent again: the next one, a period later, replaces it. It starts with the
 * application, once the database is migrated.
 */
public class UsageReporter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageReporter.class);
    private static final int BATCH = 10_000;
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(5);

    private final UsageMeter meter;
    private final R2dbcDeviceRepository devices;
    private final Supplier<HelioAdminClient> admin;
    private final Clock clock;
    private final Duration period;
    private volatile @Nullable ScheduledExecutorService reporting;
    private Instant periodStart;

    public UsageReporter(
            UsageMeter meter,
            R2dbcDeviceRepository devices,
            Supplier<HelioAdminClient> admin,
            Clock clock,
            UsageProperties properties) {
        this.meter = meter;
        this.devices = devices;
        this.admin = admin;
        this.clock = clock;
        this.period = properties.reportEvery();
        this.periodStart = clock.instant();
    }

    @Override
    public void start() {
        periodStart = clock.instant();
        ScheduledExecutorService started =
                Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "usage-reporter"));
        started.scheduleWithFixedDelay(this::reportSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        reporting = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = reporting;
        reporting = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return reporting != null;
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

    private void reportSafely() {
        try {
            report();
        } catch (ApiException | RuntimeException e) {
            log.warn("usage not reported to tenant-admin this period; the next report replaces it", e);
        }
    }
}
