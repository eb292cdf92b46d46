package io.helio.platform.timeseries;

import java.time.Duration;
import java.time.Instant;

/**
 * The rollups tenant-admin provisions in every tenant's database (its {@code provisioning.Rollup}):
 * a retention policy each, filled by a continuous query that recomputes the last {@code lookBack}
 * every {@code interval}. Data that arrives later than that look-back is rolled up by
 * {@link RollupRepair}. A look-back here must not be longer than the query's: the repair would miss
 * what the query misses (a shorter one only has the repair recompute more).
 */
public enum Rollup {
    // a busy influxd was measured running the minute query every 2 minutes, each run taking as long;
    // an hour query has its next interval as slack already
    MINUTE("rollup_1m", Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5)),
    HOUR("rollup_1h", Duration.ofHours(1), Duration.ofHours(2), Duration.ZERO);

    private final String policy;
    private final Duration interval;
    private final Duration lookBack;
    private final Duration runsMayLag;

    Rollup(String policy, Duration interval, Duration lookBack, Duration runsMayLag) {
        this.policy = policy;
        this.interval = interval;
        this.lookBack = lookBack;
        this.runsMayLag = runsMayLag;
    }

    /**
     * The epoch millisecond before which data stored at {@code now} may be missed by the continuous
     * query. Its next run that surely comes after {@code now} is at the end of the current interval,
     * up to an interval later (the run at the start of the current one may have read just before),
     * and it recomputes the look-back before that end.
     */
    long lateBefore(Instant now) {
        return now.toEpochMilli() - lookBack.toMillis() + interval.toMillis();
    }

    /** The start of the rollup bucket that holds {@code time}. */
    long bucketOf(Instant time) {
        long width = interval.toMillis();
        return Math.floorDiv(time.toEpochMilli(), width) * width;
    }

    public Duration interval() {
        return interval;
    }

    Duration lookBack() {
        return lookBack;
    }

    Duration runsMayLag() {
        return runsMayLag;
    }

    String policy() {
        return policy;
    }

    /**
     * The statement of the rollup's continuous query over {@code [start, end)} of the database's
     * default (raw) policy, for the measurements {@code source} names (a quoted name, or a regular
     * expression for all of them, as in the continuous query) and the series {@code condition} picks
     * ({@code ""}: all): it rewrites the rollup's points of those series, so running it again is harmless.
     */
    String recompute(String source, long start, long end, String condition) {
        return "SELECT count(*), sum(*), min(*), max(*), first(*), last(*) INTO " + InfluxQl.quoted(policy)
                + ".:MEASUREMENT FROM " + source + " WHERE time >= " + start
                + "ms AND time < " + end + "ms" + (condition.isEmpty() ? "" : " AND " + condition)
                + " GROUP BY time(" + interval.toSeconds() + "s), *";
    }

    /**
     * Until when the rollup is complete at {@code now}: its continuous query runs just after each
     * interval ends, so the interval before the current one is the last that is done on time. But
     * influxd runs the continuous queries of every database one after another, and when it is short of
     * CPU a run can take minutes. The next run then covers the intervals the late one did not (influxd
     * starts each run where the last one left off), so buckets come late but none is skipped. The
     * buckets within {@code runsMayLag} of the last done on time are left to raw data.
     */
    public Instant completeUntil(Instant now) {
        return Instant.ofEpochMilli(bucketOf(now)).minus(interval).minus(runsMayLag);
    }
}
