package io.helio.admin.provisioning;

import io.helio.admin.tenant.TenantId;

/**
 * The rollups InfluxDB keeps of every tenant's raw data, each in a retention policy of its own, filled
 * by a continuous query of the same name. For every field and every interval they hold
 * {@code count_}, {@code sum_}, {@code min_}, {@code max_}, {@code first_} and {@code last_}
 * (InfluxDB skips the functions a field's type does not support: no sum of a string), in the raw
 * data's measurement (the product) with its tags (the device). An average is a sum over a count, so
 * the rollups keep no mean: each function costs influxd as much as the others.
 */
public enum Rollup {
    MINUTE("rollup_1m", "1m", "2m"),
    HOUR("rollup_1h", "1h", "2h");

    private static final String FUNCTIONS = "count(*), sum(*), min(*), max(*), first(*), last(*)";

    private final String policy;
    private final String interval;
    private final String lookBack;

    /**
     * {@code lookBack}: how far back each run recomputes, so data that arrives a little late still
     * counts. The platform rolls up what arrives later itself (its {@code RollupRepair}, whose
     * look-backs must not be longer than these). Every run reads the whole look-back of raw data:
     * at 100,000 points/s, 10 minutes of it cost influxd minutes of CPU a minute.
     */
    Rollup(String policy, String interval, String lookBack) {
        this.policy = policy;
        this.interval = interval;
        this.lookBack = lookBack;
    }

    public String policy() {
        return policy;
    }

    /** The query that fills the rollup; {@code where} bounds it (empty in the continuous query itself). */
    public String select(TenantId tenant, String where) {
        return select(tenant.timeSeriesDatabase(), where);
    }

    private String select(String database, String where) {
        String quoted = "\"" + database + "\"";
        return "SELECT " + FUNCTIONS + " INTO " + quoted + ".\"" + policy + "\".:MEASUREMENT FROM " + quoted + ".\""
                + InfluxTimeSeriesProvisioner.RAW + "\"./.*/" + where + " GROUP BY time(" + interval + "), *";
    }

    String continuousQuery(String database) {
        return "CREATE CONTINUOUS QUERY \"" + policy + "\" ON \"" + database + "\" RESAMPLE EVERY " + interval + " FOR "
                + lookBack + " BEGIN " + select(database, "") + " END";
    }

    /**
     * Whether a continuous query as InfluxDB shows it (its own rendering of the statement) is this
     * rollup's current definition: the same schedule and look-back, the same functions.
     */
    boolean isCurrent(String shown) {
        return shown.contains(
                " RESAMPLE EVERY " + interval + " FOR " + lookBack + " BEGIN SELECT " + FUNCTIONS + " INTO ");
    }
}
