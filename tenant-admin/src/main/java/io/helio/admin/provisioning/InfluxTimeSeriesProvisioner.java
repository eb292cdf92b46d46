package io.helio.admin.provisioning;

import io.helio.admin.error.AdminError;
import io.helio.admin.tenant.TenantId;
import io.helio.errors.ApiException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            run(rollup.continuousQuery(tenant.timeSeriesDatabase()));
        }
    }

    /**
     * Replaces every tenant's rollup query that an earlier version created with the current one.
     * InfluxDB cannot alter a continuous query, so it is dropped and created again; a run missed in
     * between is made up by the next, whose range starts where the last one ended.
     */
    @Override
    public int upgradeRollups() {
        int upgraded = 0;
        QueryResult shown = run("SHOW CONTINUOUS QUERIES");
        for (QueryResult.Series database : seriesOf(shown)) {
            if (!database.getName().startsWith(TenantId.DATABASE_PREFIX) || database.getValues() == null) {
                continue;
            }
            for (List<Object> definition : database.getValues()) {
                Optional<Rollup> outdated = Arrays.stream(Rollup.values())
                        .filter(rollup -> rollup.policy().equals(definition.get(0)))
                        .filter(rollup -> !rollup.isCurrent(String.valueOf(definition.get(1))))
                        .findFirst();
                if (outdated.isPresent()) {
                    run("DROP CONTINUOUS QUERY \"" + outdated.get().policy() + "\" ON \"" + database.getName() + "\"");
                    run(outdated.get().continuousQuery(database.getName()));
                    upgraded++;
                }
            }
        }
        return upgraded;
    }

    /**
     * Gives every tenant's policies the definition a new tenant's get: the rollups kept as configured
     * now, and every policy the shard group span of {@link ShardGroups} (the raw policy keeps its
     * duration, the tenant's quota). influxd applies a new span to shard groups it creates from then
     * on; the existing ones stay until they expire. Policies already right are left alone: each change
     * rewrites influxd's meta store.
     */
    @Override
    public int upgradePolicies() {
        int upgraded = 0;
        for (String database : tenantDatabases()) {
            for (List<Object> shown : rows(run("SHOW RETENTION POLICIES ON \"" + database + "\""))) {
                String name = String.valueOf(shown.get(0));
                Optional<Integer> days = name.equals(RAW) ? daysKept(shown.get(1)) : configuredDays(name);
                if (days.isEmpty()) {
                    continue;
                }
                Duration kept = Duration.ofDays(days.get());
                if (!ShardGroups.parseShown(shown.get(1)).equals(Optional.of(kept))
                        || !ShardGroups.parseShown(shown.get(2)).equals(Optional.of(ShardGroups.spanFor(kept)))) {
                    run("ALTER RETENTION POLICY \"" + name + "\" ON \"" + database + "\" " + policy(days.get()));
                    upgraded++;
                }
            }
        }
        return upgraded;
    }

    private Optional<Integer> configuredDays(String policy) {
        return Arrays.stream(Rollup.values())
                .filter(rollup -> rollup.policy().equals(policy))
                .findFirst()
                .map(rollupDays::get);
    }

    /** The whole days a policy shown by InfluxDB keeps its data; empty when it is not whole days. */
    private static Optional<Integer> daysKept(Object shown) {
        return ShardGroups.parseShown(shown)
                .filter(kept -> kept.equals(Duration.ofDays(kept.toDays())))
                .map(kept -> (int) kept.toDays());
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

    /** A policy keeping data for {@code days} (zero: for ever), clauses in grammar order. */
    private static String policy(int days) {
        return "DURATION " + (days == 0 ? "INF" : days + "d") + " REPLICATION 1 SHARD DURATION "
                + ShardGroups.influxQl(ShardGroups.spanFor(Duration.ofDays(days)));
    }

    private List<String> tenantDatabases() {
        return rows(run("SHOW DATABASES")).stream()
                .map(row -> String.valueOf(row.get(0)))
                .filter(name -> name.startsWith(TenantId.DATABASE_PREFIX))
                .toList();
    }

    private static List<QueryResult.Series> seriesOf(QueryResult result) {
        List<QueryResult.Series> series = result.getResults().get(0).getSeries();
        return series == null ? List.of() : series;
    }

    private static List<List<Object>> rows(QueryResult result) {
        return seriesOf(result).stream()
                .filter(series -> series.getValues() != null)
                .flatMap(series -> series.getValues().stream())
                .toList();
    }

    private QueryResult run(String statement) {
        try {
            QueryResult result = influx.query(new Query(statement));
            if (result.hasError() || result.getResults().get(0).hasError()) {
                throw new ApiException(
                        AdminError.PROVISIONING_FAILED,
                        "InfluxDB refused " + statement + ": "
                                + (result.hasError()
                                        ? result.getError()
                                        : result.getResults().get(0).getError()));
            }
            return result;
        } catch (InfluxDBException e) {
            throw new ApiException(
                    AdminError.PROVISIONING_FAILED, "cannot run " + statement + ": " + e.getMessage(), e);
        }
    }
}
