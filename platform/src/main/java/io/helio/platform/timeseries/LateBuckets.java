package io.helio.platform.timeseries;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The rollup buckets noted for recomputation (table {@code rollup_late_buckets}) in the tenants'
 * databases of one influxd, shared by every node, so that a node which dies does not take its notes
 * with it. Notes of concurrent writes are upserted together, one statement at a time: a bucket
 * receiving late data is noted by write after write, and each would otherwise wait for the previous
 * one's lock.
 *
 * <p>A bucket is claimed only once it has settled, {@code settle} after it was last noted: so a node
 * that noted a device's bucket knows that no repair has read it for half that time, and does not note
 * it again meanwhile (a replayed backlog notes each bucket of each device about once, instead of in
 * every batch, whose reply waited for it). A repair claims buckets for a while, so that nodes do not
 * recompute the same ones; a bucket noted again meanwhile is free to claim again once it settles, and
 * outlives the repair that saw it before.
 */
public final class LateBuckets {

    /** Stands for every tenant, every measurement or every device's series. */
    static final String EVERY = "";

    /** What names a bucket of a tenant's measurement's rollup. */
    interface Bucket {
        String tenant();

        String measurement();

        Rollup rollup();

        long bucket();
    }

    /** A bucket to recompute, for one device's series or every series. */
    record Note(String tenant, String measurement, Rollup rollup, long bucket, String device) implements Bucket {}

    /** A claimed bucket: whose series to recompute (null for every series), and which notes of it were seen. */
    record Claimed(
            String tenant,
            String measurement,
            Rollup rollup,
            long bucket,
            @Nullable Set<String> devices,
            long version) implements Bucket {}

    private static final String UPSERT =
            "INSERT INTO rollup_late_buckets AS l (influxd, tenant_id, measurement, rollup, bucket, devices)"
                    + " SELECT :influxd, t, m, r, b, CASE WHEN bool_or(d = '') OR count(DISTINCT d) > "
                    + RollupRepair.DEVICES_NAMED + " THEN NULL ELSE array_agg(DISTINCT d) END"
                    + " FROM unnest(:tenants, :measurements, :rollups, :buckets, :devices) AS n (t, m, r, b, d)"
                    + " GROUP BY t, m, r, b ORDER BY t, m, r, b"
                    + " ON CONFLICT (influxd, tenant_id, measurement, rollup, bucket) DO UPDATE SET devices = CASE"
                    + " WHEN l.devices IS NULL OR EXCLUDED.devices IS NULL"
                    + " OR cardinality(ARRAY(SELECT DISTINCT unnest(l.devices || EXCLUDED.devices))) > "
                    + RollupRepair.DEVICES_NAMED + " THEN NULL"
                    + " ELSE ARRAY(SELECT DISTINCT unnest(l.devices || EXCLUDED.devices)) END,"
                    + " version = l.version + 1, noted_at = now(), claimed_until = NULL";

    private static final String CLAIM = "UPDATE rollup_late_buckets l SET claimed_until = now() + :lease * interval"
            + " '1 millisecond' FROM (SELECT tenant_id, measurement, rollup, bucket FROM rollup_late_buckets"
            + " WHERE influxd = :influxd AND noted_at < now() - :settle * interval '1 millisecond'"
            + " AND (claimed_until IS NULL OR claimed_until < now())"
            + " ORDER BY tenant_id, measurement, rollup, bucket LIMIT :limit FOR UPDATE SKIP LOCKED) c"
            + " WHERE l.influxd = :influxd AND l.tenant_id = c.tenant_id AND l.measurement = c.measurement"
            + " AND l.rollup = c.rollup AND l.bucket = c.bucket RETURNING l.tenant_id, l.measurement, l.rollup, l.bucket, l.devices, l.version";

    private static final String CLAIMED_ROWS = " unnest(:tenants, :measurements, :rollups, :buckets, :versions)"
            + " AS c (t, m, r, b, v) WHERE l.influxd = :influxd AND l.tenant_id = c.t AND l.measurement = c.m"
            + " AND l.rollup = c.r AND l.bucket = c.b";

    private final DatabaseClient db;
    private final String influxd;
    private final Duration settle;
    private final long halfSettleNanos;

    /** When this node last had each note committed ({@link System#nanoTime}), for half the settling time. */
    private final ConcurrentHashMap<Note, Long> noted = new ConcurrentHashMap<>();

    // the notes waiting for the statement in flight, and the writes waiting for them
    private final Object lock = new Object();
    private Set<Note> pending = new LinkedHashSet<>();
    private List<MonoSink<Void>> waiting = new ArrayList<>();
    private boolean upserting;

    /** The buckets of the tenants' databases in {@code influxdUrl}, claimed {@code settle} after they were last noted. */
    public LateBuckets(DatabaseClient db, String influxdUrl, Duration settle) {
        this.db = db;
        this.influxd = influxdUrl;
        this.settle = settle;
        this.halfSettleNanos = settle.dividedBy(2).toNanos();
    }

    /** Completes once the notes are committed, at once for those this node noted within half the settling time. */
    Mono<Void> note(Collection<Note> notes) {
        if (notes.isEmpty()) { // every write's notes come here, most of them none
            return Mono.empty();
        }
        long now = System.nanoTime();
        List<Note> unsettled =
                notes.stream().filter(note -> !notedLately(note, now)).toList();
        if (unsettled.isEmpty()) {
            return Mono.empty();
        }
        return Mono.create(sink -> {
            boolean start;
            synchronized (lock) {
                pending.addAll(unsettled);
                waiting.add(sink);
                start = !upserting;
                upserting = true;
            }
            if (start) {
                upsertPending();
            }
        });
    }

    /** Upserts what is pending, then what came meanwhile, until nothing is. */
    private void upsertPending() {
        List<Note> notes;
        List<MonoSink<Void>> told;
        long sent = System.nanoTime(); // before the statement's transaction takes its now()
        synchronized (lock) {
            if (pending.isEmpty()) {
                upserting = false;
                return;
            }
            notes = List.copyOf(pending);
            told = waiting;
            pending = new LinkedHashSet<>();
            waiting = new ArrayList<>();
        }
        upsert(notes)
                .subscribe(
                        null,
                        failure -> {
                            told.forEach(sink -> sink.error(failure));
                            upsertPending();
                        },
                        () -> {
                            remember(notes, sent);
                            told.forEach(MonoSink::success);
                            upsertPending();
                        });
    }

    /**
     * Notes these at once, on their own: in the subscriber's transaction, if it has one, rather than
     * with other writes' notes.
     */
    Mono<Void> upsert(List<Note> notes) {
        return notes.isEmpty()
                ? Mono.empty()
                : bound(db.sql(UPSERT), notes)
                        .bind("devices", notes.stream().map(Note::device).toArray(String[]::new))
                        .then();
    }

    private boolean notedLately(Note note, long now) {
        Long sent = noted.get(note);
        return sent != null && now - sent < halfSettleNanos;
    }

    /** Remembers when the notes were sent, and forgets those sent longer ago than half the settling time. */
    private void remember(List<Note> notes, long sent) {
        if (halfSettleNanos == 0) {
            return;
        }
        notes.forEach(note -> noted.put(note, sent));
        long now = System.nanoTime();
        noted.values().removeIf(at -> now - at >= halfSettleNanos);
    }

    /** Claims up to {@code limit} buckets no node is recomputing, for {@code lease}. */
    Mono<List<Claimed>> claim(int limit, Duration lease) {
        return db.sql(CLAIM)
                .bind("influxd", influxd)
                .bind("settle", settle.toMillis())
                .bind("lease", lease.toMillis())
                .bind("limit", limit)
                .map(row -> {
                    String[] devices = row.get("devices", String[].class);
                    return new Claimed(
                            row.get("tenant_id", String.class),
                            row.get("measurement", String.class),
                            Rollup.valueOf(row.get("rollup", String.class)),
                            row.get("bucket", Long.class),
                            devices == null ? null : Set.copyOf(Arrays.asList(devices)),
                            row.get("version", Long.class));
                })
                .all()
                .collectList();
    }

    /** Forgets the recomputed buckets, unless they were noted again since they were claimed. */
    Mono<Void> recomputed(List<Claimed> buckets) {
        return buckets.isEmpty()
                ? Mono.empty()
                : withVersions(
                                db.sql("DELETE FROM rollup_late_buckets l USING" + CLAIMED_ROWS
                                        + " AND l.version = c.v"),
                                buckets)
                        .then();
    }

    /** Lets any node claim the buckets again at once (their recomputation failed). */
    Mono<Void> release(List<Claimed> buckets) {
        return buckets.isEmpty()
                ? Mono.empty()
                : withVersions(
                                db.sql("UPDATE rollup_late_buckets l SET claimed_until = NULL FROM" + CLAIMED_ROWS),
                                buckets)
                        .then();
    }

    private DatabaseClient.GenericExecuteSpec withVersions(
            DatabaseClient.GenericExecuteSpec sql, List<Claimed> buckets) {
        return bound(sql, buckets)
                .bind("versions", buckets.stream().map(Claimed::version).toArray(Long[]::new));
    }

    /** The statement with the influxd and the buckets' names bound, in arrays of one element per bucket. */
    private DatabaseClient.GenericExecuteSpec bound(
            DatabaseClient.GenericExecuteSpec sql, List<? extends Bucket> buckets) {
        return sql.bind("influxd", influxd)
                .bind("tenants", buckets.stream().map(Bucket::tenant).toArray(String[]::new))
                .bind("measurements", buckets.stream().map(Bucket::measurement).toArray(String[]::new))
                .bind(
                        "rollups",
                        buckets.stream().map(bucket -> bucket.rollup().name()).toArray(String[]::new))
                .bind("buckets", buckets.stream().map(Bucket::bucket).toArray(Long[]::new));
    }
}
