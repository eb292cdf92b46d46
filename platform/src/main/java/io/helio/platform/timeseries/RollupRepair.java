package io.helio.platform.timeseries;

import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls up data that arrives too late for the continuous queries (which look back 2 minutes for
 * minutes, 2 hours for hours): back-filled ({@code resume}) data, a device's buffered backlog, a
 * device whose clock is behind. The rollup buckets of each measurement that receive such data are
 * noted and, at the next run, recomputed from raw data as the continuous query would have — only
 * those buckets, so a late device costs a minute's recomputation, not an hour's. Points that waited
 * in the writer's spill are looked at again when it replays them: accepted in time, they may reach
 * InfluxDB too late.
 */
public class RollupRepair {

    private static final Logger log = LoggerFactory.getLogger(RollupRepair.class);
    private static final int STATEMENTS_PER_REQUEST = 50;

    private record Late(TenantId tenant, String measurement, Rollup rollup) {}

    private final InfluxQueryClient influx;
    private final Clock clock;
    private final LongSupplier spilledBytes;
    private final Duration timeout;
    private final ConcurrentHashMap<Late, Set<Long>> lateBuckets = new ConcurrentHashMap<>();

    /** {@code spilledBytes}: while the writer holds points back, they are not in InfluxDB to be rolled up. */
    public RollupRepair(InfluxQueryClient influx, Clock clock, LongSupplier spilledBytes, Duration timeout) {
        this.influx = influx;
        this.clock = clock;
        this.spilledBytes = spilledBytes;
        this.timeout = timeout;
    }

    /** Notes the rollup buckets of samples too old for the continuous queries; called once they are stored. */
    public void stored(TenantId tenant, List<MeasurePointSample> samples) {
        Instant now = clock.instant();
        for (MeasurePointSample sample : samples) {
            noteIfLate(tenant, InfluxLines.measurement(sample), sample.time().toEpochMilli(), now);
        }
    }

    /**
     * Notes the rollup buckets of points the writer's spill has just replayed into InfluxDB (as line
     * protocol): accepted in time for the continuous queries, they may have waited in the spill past
     * them.
     */
    public void replayed(String database, String lines) {
        Instant now = clock.instant();
        TenantId.ofTimeSeriesDatabase(database)
                .ifPresent(tenant -> InfluxLines.eachMeasurementAndTime(
                        lines, (measurement, time) -> noteIfLate(tenant, measurement, time, now)));
    }

    private void noteIfLate(TenantId tenant, String measurement, long epochMillis, Instant now) {
        Instant time = Instant.ofEpochMilli(epochMillis);
        for (Rollup rollup : Rollup.values()) {
            if (rollup.tooLate(time, now)) {
                note(new Late(tenant, measurement, rollup), Set.of(rollup.bucketOf(time)));
            }
        }
    }

    /** Recomputes every noted bucket; what fails stays noted for the next run. */
    public void repair() {
        if (spilledBytes.getAsLong() > 0) {
            return;
        }
        for (Late late : List.copyOf(lateBuckets.keySet())) {
            Set<Long> buckets = lateBuckets.remove(late);
            if (buckets != null && !recompute(late, new TreeSet<>(buckets))) {
                note(late, buckets);
            }
        }
    }

    /** Adds inside the map's atomic update, so a bucket noted while {@link #repair} takes the set is not lost. */
    private void note(Late late, Set<Long> buckets) {
        lateBuckets.compute(late, (key, noted) -> {
            Set<Long> all = noted == null ? ConcurrentHashMap.newKeySet() : noted;
            all.addAll(buckets);
            return all;
        });
    }

    /** One statement per run of adjacent buckets. */
    private boolean recompute(Late late, TreeSet<Long> buckets) {
        long width = late.rollup().interval().toMillis();
        List<String> statements = new ArrayList<>();
        long runStart = buckets.first();
        long runEnd = runStart;
        for (long bucket : buckets) {
            if (bucket > runEnd) {
                statements.add(late.rollup().recompute(late.measurement(), runStart, runEnd));
                runStart = bucket;
            }
            runEnd = bucket + width;
        }
        statements.add(late.rollup().recompute(late.measurement(), runStart, runEnd));
        try {
            for (int from = 0; from < statements.size(); from += STATEMENTS_PER_REQUEST) {
                List<String> some =
                        statements.subList(from, Math.min(statements.size(), from + STATEMENTS_PER_REQUEST));
                influx.execute(late.tenant(), String.join("; ", some)).block(timeout.multipliedBy(2));
            }
            return true;
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("database not found") || reason.contains("retention policy not found")) {
                log.info("tenant {} has no time series or rollups (any more): {}", late.tenant(), reason);
                return true;
            }
            log.warn("could not roll up late data of {}; trying again at the next run", late, e);
            return false;
        }
    }
}
