package io.helio.platform.timeseries;

import io.helio.platform.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls up data that arrives too late for the continuous queries (which look back 2 minutes for
 * minutes, 2 hours for hours): back-filled ({@code resume}) data, a device's buffered backlog, a
 * device whose clock is behind. The rollup buckets of each measurement that receive such data are
 * noted with the devices that sent it and, at the next run, recomputed from raw data as the
 * continuous query would have — only those buckets of those devices' series, so a late device
 * costs a minute of its own data, not a minute of its whole product's. Points that waited in the
 * writer's spill are looked at again when it replays them: accepted in time, they may reach
 * InfluxDB too late.
 *
 * <p>influxd forgets when its continuous queries last ran when it restarts; the first run after a
 * restart looks back one interval only. So when influxd has a new start time, the buckets whose runs
 * it may have missed are noted for every tenant's database. When influxd was last seen up comes from
 * {@link InfluxdSightings}, which every node keeps, so this holds when the platform restarted too.
 */
public class RollupRepair {

    private static final Logger log = LoggerFactory.getLogger(RollupRepair.class);
    private static final int STATEMENTS_PER_REQUEST = 50;

    /** A bucket with late data of more devices than this is recomputed for every device. */
    static final int DEVICES_NAMED = 100;

    /** The source of a recomputation of every measurement of the raw policy, as the continuous queries read it. */
    private static final String EVERY_MEASUREMENT = "/.*/";

    /** Stands for every device of a measurement (compared by identity). */
    private static final Set<String> EVERY_DEVICE = Collections.unmodifiableSet(new HashSet<>());

    /** How often influxd's start time is read and the sighting recorded. */
    private static final Duration RESTART_CHECK_EVERY = Duration.ofSeconds(30);

    /** At most this much is recomputed after a restart (older points would not be taken any more). */
    private static final Duration LONGEST_MISSED = Duration.ofHours(12);

    /** Late buckets of a measurement, or of all the tenant's measurements ({@code measurement} null). */
    private record Late(TenantId tenant, @Nullable String measurement, Rollup rollup) {}

    /** The buckets of a rollup whose runs influxd may have missed, not yet noted for every tenant. */
    private record Missed(Rollup rollup, Map<Long, Set<String>> buckets) {}

    /** A statement and the parameters it binds (named apart from every other statement's). */
    private record Statement(String text, Map<String, Object> parameters) {}

    private final InfluxQueryClient influx;
    private final InfluxdSightings sightings;
    private final Clock clock;
    private final LongSupplier spilledBytes;
    private final Duration timeout;

    /** Of each measurement and rollup: the late buckets, and of each the devices whose series to recompute. */
    private final ConcurrentHashMap<Late, Map<Long, Set<String>>> lateBuckets = new ConcurrentHashMap<>();

    // read and written by repair() only, which runs on one thread
    private @Nullable Instant influxdChecked;
    private final List<Missed> missed = new ArrayList<>();

    /** {@code spilledBytes}: while the writer holds points back, they are not in InfluxDB to be rolled up. */
    public RollupRepair(
            InfluxQueryClient influx,
            InfluxdSightings sightings,
            Clock clock,
            LongSupplier spilledBytes,
            Duration timeout) {
        this.influx = influx;
        this.sightings = sightings;
        this.clock = clock;
        this.spilledBytes = spilledBytes;
        this.timeout = timeout;
    }

    /** Notes the rollup buckets of samples too old for the continuous queries; called once they are stored. */
    public void stored(TenantId tenant, List<MeasurePointSample> samples) {
        Instant now = clock.instant();
        for (MeasurePointSample sample : samples) {
            noteIfLate(
                    tenant,
                    InfluxLines.measurement(sample),
                    sample.device().value(),
                    sample.time().toEpochMilli(),
                    now);
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
                .ifPresent(tenant -> InfluxLines.eachSeriesAndTime(
                        lines, (measurement, device, time) -> noteIfLate(tenant, measurement, device, time, now)));
    }

    private void noteIfLate(TenantId tenant, String measurement, String device, long epochMillis, Instant now) {
        Instant time = Instant.ofEpochMilli(epochMillis);
        for (Rollup rollup : Rollup.values()) {
            if (rollup.tooLate(time, now)) {
                note(new Late(tenant, measurement, rollup), Map.of(rollup.bucketOf(time), Set.of(device)));
            }
        }
    }

    /** Notes what a restart of influxd may have left out, and recomputes every noted bucket; what fails stays noted. */
    public void repair() {
        noteMissedRuns();
        if (spilledBytes.getAsLong() > 0) {
            return;
        }
        for (Late late : List.copyOf(lateBuckets.keySet())) {
            Map<Long, Set<String>> buckets = lateBuckets.remove(late);
            if (buckets != null && !recompute(late, new TreeMap<>(buckets))) {
                note(late, buckets);
            }
        }
    }

    /**
     * When influxd started again since it was last seen up, notes the buckets whose continuous query
     * runs it may have missed, for every tenant's database: it ran every run up to when it was last
     * seen (less what its runs may lag), and the first run after its start covers the look-back less
     * one interval. Buckets not yet noted (the databases could not be listed) are noted at a later run.
     */
    private void noteMissedRuns() {
        Instant now = clock.instant();
        try {
            if (influxdChecked == null || !now.isBefore(influxdChecked.plus(RESTART_CHECK_EVERY))) {
                checkForRestart(now);
            }
            if (!missed.isEmpty()) {
                noteForEveryTenant();
            }
        } catch (RuntimeException e) {
            log.warn("could not check whether influxd restarted; checking again at the next run", e);
        }
    }

    /** Records this sighting of influxd; when it started again since the last, what it may have missed. */
    private void checkForRestart(Instant now) {
        Instant started = influx.startedAt().block(timeout.multipliedBy(2));
        if (started == null) {
            return;
        }
        InfluxdSightings.Sighting replaced = sightings.replacedBy(started, now).block(timeout.multipliedBy(2));
        influxdChecked = now;
        if (replaced != null) {
            for (Rollup rollup : Rollup.values()) {
                missedBuckets(rollup, replaced.lastSeen(), started)
                        .ifPresent(buckets -> missed.add(new Missed(rollup, buckets)));
            }
        }
    }

    private void noteForEveryTenant() {
        List<TenantId> tenants = influx.tenants().block(timeout.multipliedBy(2));
        for (Missed run : missed) {
            tenants.forEach(tenant -> note(new Late(tenant, null, run.rollup()), run.buckets()));
            log.info(
                    "influxd restarted; rolling up {} {} buckets from {} again for every measurement of {} tenants",
                    run.buckets().size(),
                    run.rollup(),
                    Instant.ofEpochMilli(Collections.min(run.buckets().keySet())),
                    tenants.size());
        }
        missed.clear();
    }

    private static Optional<Map<Long, Set<String>>> missedBuckets(Rollup rollup, Instant lastSeen, Instant started) {
        long width = rollup.interval().toMillis();
        long until = rollup.bucketOf(started.minus(rollup.lookBack())) + width;
        long from = Math.max(
                rollup.bucketOf(lastSeen.minus(rollup.lookBack()).minus(rollup.runsMayLag())) + width,
                rollup.bucketOf(started.minus(LONGEST_MISSED)));
        Map<Long, Set<String>> buckets = new HashMap<>();
        for (long bucket = from; bucket < until; bucket += width) {
            buckets.put(bucket, EVERY_DEVICE);
        }
        return buckets.isEmpty() ? Optional.empty() : Optional.of(buckets);
    }

    /**
     * Adds inside the map's atomic update, so a bucket noted while {@link #repair} takes the map is
     * not lost; the sets it changes belong to the map from then on.
     */
    private void note(Late late, Map<Long, Set<String>> buckets) {
        lateBuckets.compute(late, (key, noted) -> {
            Map<Long, Set<String>> all = noted == null ? new HashMap<>() : noted;
            buckets.forEach((bucket, devices) -> all.put(bucket, union(all.get(bucket), devices)));
            return all;
        });
    }

    /** The devices of both; {@link #EVERY_DEVICE} once that is more than {@value #DEVICES_NAMED}. */
    private static Set<String> union(@Nullable Set<String> noted, Set<String> more) {
        if (noted == EVERY_DEVICE || more == EVERY_DEVICE) {
            return EVERY_DEVICE;
        }
        Set<String> all = noted == null ? new HashSet<>() : noted;
        all.addAll(more);
        return all.size() > DEVICES_NAMED ? EVERY_DEVICE : all;
    }

    /** One statement per run of adjacent buckets, for the devices late in any of them. */
    private boolean recompute(Late late, TreeMap<Long, Set<String>> buckets) {
        long width = late.rollup().interval().toMillis();
        List<Statement> statements = new ArrayList<>();
        long runStart = buckets.firstKey();
        long runEnd = runStart;
        @Nullable Set<String> runDevices = null;
        for (Map.Entry<Long, Set<String>> bucket : buckets.entrySet()) {
            if (bucket.getKey() > runEnd) {
                statements.add(statement(late, runStart, runEnd, runDevices, statements.size()));
                runStart = bucket.getKey();
                runDevices = null;
            }
            runEnd = bucket.getKey() + width;
            runDevices = union(runDevices, bucket.getValue()); // a set of its own, never the map's
        }
        statements.add(statement(late, runStart, runEnd, runDevices, statements.size()));
        try {
            for (int from = 0; from < statements.size(); from += STATEMENTS_PER_REQUEST) {
                List<Statement> some =
                        statements.subList(from, Math.min(statements.size(), from + STATEMENTS_PER_REQUEST));
                Map<String, Object> parameters = new HashMap<>();
                some.forEach(statement -> parameters.putAll(statement.parameters()));
                influx.execute(
                                late.tenant(),
                                String.join(
                                        "; ", some.stream().map(Statement::text).toList()),
                                parameters)
                        .block(timeout.multipliedBy(2));
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

    /** The recomputation of {@code [start, end)} for the devices (all of them for {@link #EVERY_DEVICE}). */
    private static Statement statement(Late late, long start, long end, Set<String> devices, int index) {
        Map<String, Object> parameters = new HashMap<>();
        String condition = devices == EVERY_DEVICE
                ? ""
                : InfluxQl.anyOf(
                        InfluxLines.DEVICE_TAG,
                        "s" + index + "d",
                        devices.stream().sorted().toList(),
                        parameters);
        String measurement = late.measurement();
        String source = measurement == null ? EVERY_MEASUREMENT : InfluxQl.quoted(measurement);
        return new Statement(late.rollup().recompute(source, start, end, condition), parameters);
    }
}
