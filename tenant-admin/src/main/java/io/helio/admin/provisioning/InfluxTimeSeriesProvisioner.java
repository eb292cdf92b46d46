package io.helio.admin.provisioning;

import io.helio.admin.error.AdminError;
import io.helio.admin.tenant.TenantId;
import io.helio.errors.ApiException;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The tenant's InfluxDB database (its name comes from the generated tenant id only), whose default
 * retention policy {@value #RAW} keeps the raw data for the tenant's raw retention quota. The
 * platform writes and reads through the default policy, so it needs no knowledge of it.
 */
public class InfluxTimeSeriesProvisioner implements TimeSeriesProvisioner {

    static final String RAW = "raw";

    private final InfluxDB influx;

    public InfluxTimeSeriesProvisioner(InfluxDB influx) {
        this.influx = influx;
    }

    @Override
    public void provision(TenantId tenant, int rawRetentionDays) {
        run("CREATE DATABASE \"" + tenant.timeSeriesDatabase() + "\" WITH " + policy(rawRetentionDays) + " NAME \""
                + RAW + "\"");
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

    /** InfluxDB's own shard sizing, stated: a shard may not outlast the policy (clauses in grammar order). */
    private static String policy(int days) {
        String shard = days < 2 ? "1h" : days <= 183 ? "1d" : "7d";
        return "DURATION " + days + "d REPLICATION 1 SHARD DURATION " + shard;
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
