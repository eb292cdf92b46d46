package io.helio.admin.provisioning;

import io.helio.admin.error.AdminError;
import io.helio.admin.tenant.TenantId;
import io.helio.errors.ApiException;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The tenant's InfluxDB database (its name comes from the generated tenant id only), whose default
 * retention policy {@value #RAW} keeps the raw data for the tenant's raw retention quota, and its
 * {@link Rollup rollups}, kept as configured. The platform writes and reads raw data through the
 * default policy, so it needs no knowledge of it. Every statement is idempotent, so provisioning
 * can be repeated.
 */
public class InfluxTimeSeriesProvisioner implements TimeSeriesProvisioner {

    static final String RAW = "raw";

    private final InfluxDB influx;
    private final Map<Rollup, Integer> rollupDays;

    public InfluxTimeSeriesProvisioner(InfluxDB influx, Map<Rollup, Integer> rollupDays) {
        this.influx = influx;
        this.rollupDays = Map.copyOf(rollupDays);
    }

    @Override
    public void provision(TenantId tenant, int rawRetentionDays) {
        run("CREATE DATABASE \"" + tenant.timeSeriesDatabase() + "\" WITH " + policy(rawRetentionDays) + " NAME \""
                + RAW + "\"");
        for (Rollup rollup : Rollup.values()) {
            run("CREATE RETENTION POLICY \"" + rollup.policy() + "\" ON \"" + tenant.timeSeriesDatabase() + "\" "
                    + policy(rollupDays.get(rollup)));
            run(rollup.continuousQuery(tenant));
        }
    }

    @Override
    public void retain(TenantId tenant, int rawRetentionDays) {
        run("ALTER RETENTION POLICY \"" + RAW + "\" ON \"" + tenant.timeSeriesDatabase() + "\" "
                + policy(rawRetentionDays) + " DEFAULT");
    }

    @Override
    public void deprovision(TenantId tenant) {
        run("DROP DATABASE \"" + tenant.timeSeriesDatabase() + "\"");
    }

    /**
     * InfluxDB's own shard sizing, stated: a shard may not outlast the policy (clauses in grammar
     * order). Zero days keeps the data for ever.
     */
    private static String policy(int days) {
        String shard = days == 0 ? "7d" : days < 2 ? "1h" : days <= 183 ? "1d" : "7d";
        return "DURATION " + (days == 0 ? "INF" : days + "d") + " REPLICATION 1 SHARD DURATION " + shard;
    }

    private void run(String statement) {
        try {
            QueryResult result = influx.query(new Query(statement));
            if (result.hasError()) {
                throw new ApiException(
                        AdminError.PROVISIONING_FAILED, "InfluxDB refused " + statement + ": " + result.getError());
            }
        } catch (InfluxDBException e) {
            throw new ApiException(
                    AdminError.PROVISIONING_FAILED, "cannot run " + statement + ": " + e.getMessage(), e);
        }
    }
}
