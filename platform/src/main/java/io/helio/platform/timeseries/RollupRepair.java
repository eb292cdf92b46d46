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
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Rolls up data that arrives too late for the continuous queries (which look back 2 minutes for
 * minutes, 2 hours for hours): back-filled ({@code resume}) data, a device's buffered backlog, a
 * device whose clock is behind. The rollup buckets of each measurement that receive such data are
 * noted with the devices that sent it, before the data's reply goes out, in PostgreSQL
 * ({@link LateBuckets}), and once they have rested, recomputed by the next run of any node from raw
 * data as the continuous query would have — only those buckets of those devices' series, so a late
 * device costs a minute of its own data, not a minute of its whole product's. Points that waited in
 * the writer's spill are looked at again when it replays them: accepted in time, they may reach
 * InfluxDB too late.
 *
 * <p>influxd forgets when its continuous queries last ran when it restarts; the first run after a
 * restart looks back one interval only. So when influxd has a new start time, the buckets whose runs
 * it may have missed are noted for every tenant's database. When influxd was last seen up comes from
 * {@link InfluxdSightings}, which every node keeps, so this holds when the platform restarted too.
 */
public class RollupRepair {

    private static final Logger log = LoggerFactory.getLogger(RollupRepair.class);
    private static final Rollup[] ROLLUPS = Rollup.values();

    /**
     * At most this many adjacent buckets are recomputed by one request, so that the requests of a long
     * backlog each end within {@link #RECOMPUTE_TIMEOUT} while influxd is busy storing more, and a
     * failed one costs little.
     */
    static final int BUCKETS_PER_REQUEST = 5;

    /**
     * How long a request that recomputes buckets may take. influxd runs it beside the writes it stores,
     * and while it stored a replayed backlog, requests of five dense minutes took longer than a query
     * may (10 s by default); one given up on is run again from its start at the next run, so waiting
     * is cheaper.
     */
    private static final Duration RECOMPUTE_TIMEOUT = Duration.ofMinutes(1);

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

    /** How many noted buckets a run claims at a time ... */
    private static final int CLAIMED_AT_ONCE = 1_000;

    /** ... and at most how many times. */
    private static final int CLAIMS_PER_RUN = 20;

    /** How long other nodes leave a claimed bucket alone: the node that claimed it may have died. */
    private static final Duration CLAIMED_FOR = Duration.ofMinutes(10);

    /** Late buckets of a tenant's measurement, or of every one ({@link LateBuckets#EVERY}). */
    private record Late(String tenant, String measurement, Rollup rollup) {}

    private final InfluxQueryClient influx;
    private final InfluxdSightings sightings;
    private final LateBuckets lateBuckets;
    private final Clock clock;
    private final LongSupplier spilledBytes;
    private final Duration timeout;

    // read and written by repair() only, which runs on one thread
    private @Nullable Instant influxdChecked;

    /** {@code spilledBytes}: while the writer holds points back, they are not in InfluxDB to be rolled up. */
    public RollupRepair(
            InfluxQueryClient influx,
            InfluxdSightings sightings,
            LateBuckets lateBuckets,
            Clock clock,
            LongSupplier spilledBytes,
            Duration timeout) {
        this.influx = influx;
        this.sightings = sightings;
        this.lateBuckets = lateBuckets;
        this.clock = clock;
        this.spilledBytes = spilledBytes;
        this.timeout = timeout;
    }

    /**
     * Notes the rollup buckets of samples too old for the continuous queries; called once they are
     * stored, and completes once the notes are too (so their reply waits for it).
     */
    public Mono<Void> stored(TenantId tenant, List<MeasurePointSample> samples) {
        Instant now = clock.instant();
        Set<LateBuckets.Note> notes = new HashSet<>();
        for (MeasurePointSample sample : samples) {
            noteIfLate(
                    notes,
                    tenant,
                    InfluxLines.measurement(sample),
                    sample.device().value(),
                    sample.time().toEpochMilli(),
                    now);
        }
        return lateBuckets.note(notes);
    }

    /**
     * Notes the rollup buckets of points the writer's spill replays into InfluxDB (as line protocol):
     * accepted in time for the continuous queries, they may have waited in the spill past them.
     * Called from the writer's own thread before the spill forgets them, so it waits for the notes
     * to be stored, and throws when they could not be (the spill then replays them again).
     */
    public void replayed(String database, String lines) {
        Instant now = clock.instant();
        Set<LateBuckets.Note> notes = new HashSet<>();
        TenantId.ofTimeSeriesDatabase(database)
                .ifPresent(tenant -> InfluxLines.eachSeriesAndTime(
                        lines,
                        (measurement, device, time) -> noteIfLate(notes, tenant, measurement, device, time, now)));
        lateBuckets.note(notes).block(timeout.multipliedBy(2));
    }

    private static void noteIfLate(
            Set<LateBuckets.Note> notes,
            TenantId tenant,
            String measurement,
            String device,
            long epochMillis,
            Instant now) {
        for (Rollup rollup : ROLLUPS) {
            if (epochMillis < rollup.lateBefore(now)) {
                notes.add(new LateBuckets.Note(
                        tenant.value(),
                        measurement,
                        rollup,
                        rollup.bucketOf(Instant.ofEpochMilli(epochMillis)),
                        device));
            }
        }
    }

    /**
     * Notes what a restart of influxd may have left out, and recomputes noted buckets, whichever node
     * noted them; what fails stays noted.
     */
    public void repair() {
        noteMissedRuns();
        if (spilledBytes.getAsLong() > 0) {
            return;
        }
        for (int claim = 0; claim < CLAIMS_PER_RUN; claim++) {
            List<LateBuckets.Claimed> claimed =
                    lateBuckets.claim(CLAIMED_AT_ONCE, CLAIMED_FOR).block(timeout);
            List<LateBuckets.Claimed> recomputed = new ArrayList<>();
            List<LateBuckets.Claimed> failed = new ArrayList<>();
            claimed.stream()
                    .collect(Collectors.groupingBy(
                            bucket -> new Late(bucket.tenant(), bucket.measurement(), bucket.rollup())))
                    .forEach((late, buckets) -> {
                        Set<Long> done = recompute(late, buckets);
                        buckets.forEach(bucket -> (done.contains(bucket.bucket()) ? recomputed : failed).add(bucket));
                    });
            lateBuckets.recomputed(recomputed).block(timeout);
            lateBuckets.release(failed).block(timeout);
            if (claimed.size() < CLAIMED_AT_ONCE) {
                return;
            }
        }
    }

    /**
     * When influxd started again since it was last seen up, notes the buckets whose continuous query
     * runs it may have missed, for every tenant's database, with the sighting of the new start: it ran
     * every run up to when it was last seen (less what its runs may lag), and the first run after its
     * start covers the look-back less one interval. If they cannot be noted, the new start is not
     * recorded either, and the next run tries again.
     */
    private void noteMissedRuns() {
        Instant now = clock.instant();
        if (influxdChecked != null && now.isBefore(influxdChecked.plus(RESTART_CHECK_EVERY))) {
            return;
        }
        try {
            Instant started = influx.startedAt().block(timeout.multipliedBy(2));
            if (started != null) {
                sightings
                        .replacedBy(started, now, replaced -> lateBuckets.upsert(missedRuns(replaced, started)))
                        .block(timeout.multipliedBy(2));
                influxdChecked = now;
            }
        } catch (RuntimeException e) {
            log.warn("could not check whether influxd restarted; checking again at the next run", e);
        }
    }

    private static List<LateBuckets.Note> missedRuns(InfluxdSightings.Sighting replaced, Instant started) {
        List<LateBuckets.Note> missed = new ArrayList<>();
        for (Rollup rollup : ROLLUPS) {
            missedBuckets(rollup, replaced.lastSeen(), started)
                    .forEach(bucket -> missed.add(new LateBuckets.Note(
                            LateBuckets.EVERY, LateBuckets.EVERY, rollup, bucket, LateBuckets.EVERY)));
        }
        return missed;
    }

    private static List<Long> missedBuckets(Rollup rollup, Instant lastSeen, Instant started) {
        long width = rollup.interval().toMillis();
        long until = rollup.bucketOf(started.minus(rollup.lookBack())) + width;
        long from = Math.max(
                rollup.bucketOf(lastSeen.minus(rollup.lookBack()).minus(rollup.runsMayLag())) + width,
                rollup.bucketOf(started.minus(LONGEST_MISSED)));
        List<Long> buckets = new ArrayList<>();
        for (long bucket = from; bucket < until; bucket += width) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /**
     * Recomputes the buckets (noted for every tenant: in every tenant's database), and answers those
     * it recomputed.
     */
    private Set<Long> recompute(Late late, List<LateBuckets.Claimed> claimed) {
        TreeMap<Long, Set<String>> buckets = new TreeMap<>();
        claimed.forEach(
                bucket -> buckets.put(bucket.bucket(), bucket.devices() == null ? EVERY_DEVICE : bucket.devices()));
        if (!late.tenant().equals(LateBuckets.EVERY)) {
            return recompute(late, buckets);
        }
        List<TenantId> tenants;
        try {
            tenants = influx.tenants().block(timeout.multipliedBy(2));
        } catch (RuntimeException e) {
            log.warn("could not list the tenants' databases; rolling up what influxd missed at the next run", e);
            return Set.of();
        }
        log.info(
                "influxd restarted; rolling up {} {} buckets from {} again for every measurement of {} tenants",
                buckets.size(),
                late.rollup(),
                Instant.ofEpochMilli(buckets.firstKey()),
                tenants.size());
        Set<Long> everywhere = new HashSet<>(buckets.keySet());
        for (TenantId tenant : tenants) {
            everywhere.retainAll(recompute(new Late(tenant.value(), LateBuckets.EVERY, late.rollup()), buckets));
        }
        return everywhere;
    }

    /**
     * Recomputes the buckets run by run (see {@link #runs}); answers the buckets recomputed before a
     * request failed.
     */
    private Set<Long> recompute(Late late, TreeMap<Long, Set<String>> buckets) {
        long width = late.rollup().interval().toMillis();
        Set<Long> done = new HashSet<>();
        for (Run run : runs(buckets, width)) {
            long start = run.buckets().get(0);
            long end = run.buckets().get(run.buckets().size() - 1) + width;
            if (!recomputed(late, start, end, run.devices())) {
                return done;
            }
            done.addAll(run.buckets());
        }
        return done;
    }

    /** Adjacent buckets recomputed by one request, for the devices late in any of them. */
    private record Run(List<Long> buckets, Set<String> devices) {}

    /** The buckets (at least one) in runs of adjacent ones, up to {@value #BUCKETS_PER_REQUEST} a run. */
    private static List<Run> runs(TreeMap<Long, Set<String>> buckets, long width) {
        List<Run> runs = new ArrayList<>();
        List<Long> run = new ArrayList<>();
        @Nullable Set<String> devices = null;
        for (Map.Entry<Long, Set<String>> bucket : buckets.entrySet()) {
            if (!run.isEmpty()
                    && (bucket.getKey() > run.get(run.size() - 1) + width || run.size() == BUCKETS_PER_REQUEST)) {
                runs.add(new Run(run, devices));
                run = new ArrayList<>();
                devices = null;
            }
            run.add(bucket.getKey());
            devices = union(devices, bucket.getValue()); // a set of its own, never the map's
        }
        runs.add(new Run(run, devices));
        return runs;
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

    /** Whether {@code [start, end)} was recomputed for the devices, or need not be (the database is gone). */
    private boolean recomputed(Late late, long start, long end, Set<String> devices) {
        Map<String, Object> parameters = new HashMap<>();
        try {
            influx.execute(
                            TenantId.of(late.tenant()),
                            statement(late, start, end, devices, parameters),
                            parameters,
                            RECOMPUTE_TIMEOUT)
                    .block(RECOMPUTE_TIMEOUT.plus(timeout));
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

    /**
     * The recomputation of {@code [start, end)} for the devices (all of them for {@link #EVERY_DEVICE}),
     * binding the devices into {@code parameters}.
     */
    private static String statement(
            Late late, long start, long end, Set<String> devices, Map<String, Object> parameters) {
        String condition = devices == EVERY_DEVICE
                ? ""
                : InfluxQl.anyOf(
                        InfluxLines.DEVICE_TAG, "d", devices.stream().sorted().toList(), parameters);
        String measurement = late.measurement();
        String source = measurement.equals(LateBuckets.EVERY) ? EVERY_MEASUREMENT : InfluxQl.quoted(measurement);
        return late.rollup().recompute(source, start, end, condition);
    }
}
