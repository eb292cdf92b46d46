package io.helio.admin.provisioning;

import io.helio.admin.tenant.TenantId;

/**
 * The rollups InfluxDB keeps of every tenant's raw data, each in a retention policy of its own, filled
 * by a continuous query of the same name. For every field and every interval they hold
 * {@code count_}, {@code mean_}, {@code sum_}, {@code min_}, {@code max_}, {@code first_} and
 * {@code last_} (InfluxDB skips the functions a field's type does not support: no mean of a string),
 * in the raw data's measurement (the product) with its tags (the device).
 */
public enum Rollup {
    MINUTE("rollup_1m", "1m", "10m"),
    HOUR("rollup_1h", "1h", "2h");

    private final String policy;
    private final String interval;
    private final String lateness;

    /** {@code lateness}: how far back each run recomputes, so data that arrives a little late still counts. */
    Rollup(String policy, String interval, String lateness) {
        this.policy = policy;
        this.interval = interval;
        this.lateness = lateness;
    }

    public String policy() {
        return policy;
    }

    /** The query that fills the rollup; {@code where} bounds it (empty in the continuous query itself). */
    public String select(TenantId tenant, String where) {
        String database = "\"" + tenant.timeSeriesDatabase() + "\"";
        return "SELECT count(*), mean(*), sum(*), min(*), max(*), first(*), last(*) INTO " + database + ".\""
                + policy + "\".:MEASUREMENT FROM " + database + ".\"" + InfluxTimeSeriesProvisioner.RAW + "\"./.*/"
                + where + " GROUP BY time(" + interval + "), *";
    }

    String continuousQuery(TenantId tenant) {
        return "CREATE CONTINUOUS QUERY \"" + policy + "\" ON \"" + tenant.timeSeriesDatabase() + "\" RESAMPLE EVERY "
                + interval + " FOR " + lateness + " BEGIN " + select(tenant, "") + " END";
    }
}
