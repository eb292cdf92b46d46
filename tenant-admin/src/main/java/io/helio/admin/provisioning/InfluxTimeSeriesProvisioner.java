package io.helio.admin.provisioning;

import io.helio.admin.error.AdminError;
import io.helio.admin.tenant.TenantId;
import io.helio.errors.ApiException;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** Creates and drops the tenant's InfluxDB database (its name comes from the generated tenant id only). */
public class InfluxTimeSeriesProvisioner implements TimeSeriesProvisioner {

    private final InfluxDB influx;

    public InfluxTimeSeriesProvisioner(InfluxDB influx) {
        this.influx = influx;
    }

    @Override
    public void provision(TenantId tenant) {
        run("CREATE DATABASE", tenant);
    }

    @Override
    public void deprovision(TenantId tenant) {
        run("DROP DATABASE", tenant);
    }

    private void run(String statement, TenantId tenant) {
        String database = tenant.timeSeriesDatabase();
        try {
            QueryResult result = influx.query(new Query(statement + " \"" + database + "\""));
            if (result.hasError()) {
                throw new ApiException(
                        AdminError.PROVISIONING_FAILED,
                        "InfluxDB refused " + statement + " " + database + ": " + result.getError());
            }
        } catch (InfluxDBException e) {
            throw new ApiException(
                    AdminError.PROVISIONING_FAILED, "cannot " + statement + " " + database + ": " + e.getMessage(), e);
        }
    }
}
