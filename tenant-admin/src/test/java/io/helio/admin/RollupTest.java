package io.helio.admin;

import static io.helio.admin.TenantAdminTestSupport.OPERATOR_ID;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_SECRET;
import static io.helio.admin.TenantAdminTestSupport.accessToken;
import static io.helio.admin.TenantAdminTestSupport.createTenant;
import static io.helio.admin.TenantAdminTestSupport.influx;
import static io.helio.admin.TenantAdminTestSupport.influxWrite;
import static io.helio.admin.TenantAdminTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.helio.admin.provisioning.Rollup;
import io.helio.admin.provisioning.TimeSeriesProvisioner;
import io.helio.admin.tenant.TenantId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A new tenant gets 1-minute and 1-hour rollups of its raw data: their retention policies and the
 * continuous queries that fill them. The rollup queries are run here over a bounded range (the
 * continuous queries run the very same ones each interval) and their answers checked against the raw data.
 */
class RollupTest extends TenantAdminIntegrationTest {

    @Autowired
    TimeSeriesProvisioner provisioner;

    private static final Instant HOUR = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void aNewTenantsRawDataIsRolledUpByMinuteAndByHour() throws Exception {
        // given a new tenant
        String tenant = createTenant(accessToken(OPERATOR_ID, OPERATOR_SECRET), "rolled-up");
        String database = "helio_" + tenant;

        // then it has both rollup policies beside the raw one, and the continuous queries that fill them
        assertThat(influx("SHOW RETENTION POLICIES ON \"" + database + "\""))
                .contains("[\"raw\",\"8760h0m0s\",\"720h0m0s\",1,true]")
                .contains("[\"rollup_1m\",\"17520h0m0s\",\"720h0m0s\",1,false]")
                .contains("[\"rollup_1h\",\"0s\",\"8736h0m0s\",1,false]");
        assertThat(influx("SHOW CONTINUOUS QUERIES"))
                .contains("CREATE CONTINUOUS QUERY rollup_1m ON " + database + " RESAMPLE EVERY 1m FOR 2m")
                .contains("CREATE CONTINUOUS QUERY rollup_1h ON " + database + " RESAMPLE EVERY 1h FOR 2h");

        // when a device's points of every kind land in two minutes of one hour and the rollups run
        influxWrite(
                "precision=ms&db=" + database, "pk1,device=d1 temp=20.5,power=5i,running=true,mode=\"grid\" " + at(0));
        influxWrite(
                "precision=ms&db=" + database, "pk1,device=d1 temp=21.5,power=7i,running=false,mode=\"off\" " + at(30));
        influxWrite(
                "precision=ms&db=" + database, "pk1,device=d1 temp=30.0,power=9i,running=true,mode=\"grid\" " + at(90));
        String range = " WHERE time >= '" + HOUR + "' AND time < '" + HOUR.plusSeconds(3600) + "'";
        influx(Rollup.MINUTE.select(TenantId.of(tenant), range));
        influx(Rollup.HOUR.select(TenantId.of(tenant), range));

        // then each minute and the hour hold the aggregates of the raw points, per device
        JsonNode minutes = series(influx("SELECT * FROM \"" + database + "\".\"rollup_1m\".\"pk1\""));
        assertThat(minutes.get("values")).hasSize(2);
        assertThat(value(minutes, 0, "device").asString()).isEqualTo("d1");
        assertThat(value(minutes, 0, "sum_temp").asDouble()).isEqualTo(42.0);
        assertThat(value(minutes, 0, "sum_power").asLong()).isEqualTo(12);
        assertThat(value(minutes, 0, "count_mode").asLong()).isEqualTo(2);
        assertThat(value(minutes, 0, "last_mode").asString()).isEqualTo("off");
        assertThat(value(minutes, 1, "max_temp").asDouble()).isEqualTo(30.0);
        JsonNode hour = series(influx("SELECT * FROM \"" + database + "\".\"rollup_1h\".\"pk1\""));
        assertThat(hour.get("values")).hasSize(1);
        assertThat(value(hour, 0, "count_temp").asLong()).isEqualTo(3);
        assertThat(value(hour, 0, "min_temp").asDouble()).isEqualTo(20.5);
        assertThat(value(hour, 0, "count_running").asLong()).isEqualTo(3);
        assertThat(value(hour, 0, "first_mode").asString()).isEqualTo("grid");
        assertThat(value(hour, 0, "max_power").asLong()).isEqualTo(9);
        // and a string has no sum, and nothing has a mean (a sum over a count is one)
        assertThat(columns(hour)).doesNotContain("sum_mode").doesNotContain("mean_");
    }

    @Test
    void rollupsThatAnEarlierVersionCreatedAreReplacedByTheCurrentOnes() throws Exception {
        // given a tenant whose minute rollup is still the query of an earlier version
        String tenant = createTenant(accessToken(OPERATOR_ID, OPERATOR_SECRET), "rolled-up-long-ago");
        String database = "helio_" + tenant;
        Set<String> current = continuousQueries(database);
        influx("DROP CONTINUOUS QUERY rollup_1m ON \"" + database + "\"");
        influx("CREATE CONTINUOUS QUERY rollup_1m ON \"" + database + "\" RESAMPLE EVERY 1m FOR 10m BEGIN"
                + " SELECT count(*), mean(*), sum(*), min(*), max(*), first(*), last(*) INTO \"" + database
                + "\".rollup_1m.:MEASUREMENT FROM \"" + database + "\".raw./.*/ GROUP BY time(1m), * END");
        assertThat(continuousQueries(database))
                .anyMatch(query -> query.contains("FOR 10m") && query.contains("mean(*)"));

        // when tenant-admin upgrades the rollups, as it does at every start
        int upgraded = provisioner.upgradeRollups();

        // then the tenant's queries are the ones a new tenant gets, and nothing is left to upgrade
        assertThat(upgraded).isGreaterThanOrEqualTo(1);
        assertThat(continuousQueries(database)).isEqualTo(current);
        assertThat(provisioner.upgradeRollups()).isZero();
    }

    @Test
    void rollupsOfTenantsCreatedUnderAnotherConfigurationAreKeptAsConfiguredNow() throws Exception {
        // given a tenant created when minute rollups were kept a year
        String tenant = createTenant(accessToken(OPERATOR_ID, OPERATOR_SECRET), "kept-a-year");
        String database = "helio_" + tenant;
        String policies = "SHOW RETENTION POLICIES ON \"" + database + "\"";
        String current = influx(policies);
        influx("ALTER RETENTION POLICY rollup_1m ON \"" + database + "\" DURATION 365d SHARD DURATION 30d");
        assertThat(influx(policies)).contains("[\"rollup_1m\",\"8760h0m0s\",\"720h0m0s\",1,false]");

        // when tenant-admin upgrades the policies, as it does at every start
        int upgraded = provisioner.upgradePolicies();

        // then its minute rollup is kept as configured now (730 days), and nothing is left to upgrade
        assertThat(upgraded).isGreaterThanOrEqualTo(1);
        assertThat(influx(policies)).isEqualTo(current).contains("[\"rollup_1m\",\"17520h0m0s\",");
        assertThat(provisioner.upgradePolicies()).isZero();
    }

    /** The tenant's continuous queries, as InfluxDB shows them (in no set order). */
    private static Set<String> continuousQueries(String database) throws Exception {
        Set<String> queries = new HashSet<>();
        for (JsonNode series :
                json(influx("SHOW CONTINUOUS QUERIES")).get("results").get(0).get("series")) {
            if (series.get("name").asString().equals(database)) {
                series.get("values").forEach(query -> queries.add(query.get(1).asString()));
            }
        }
        return queries;
    }

    private static String at(int seconds) {
        return Long.toString(HOUR.plusSeconds(seconds).toEpochMilli());
    }

    private static JsonNode series(String answer) {
        return json(answer).get("results").get(0).get("series").get(0);
    }

    private static String columns(JsonNode series) {
        return series.get("columns").toString();
    }

    private static JsonNode value(JsonNode series, int row, String column) {
        int index = 0;
        for (JsonNode name : series.get("columns")) {
            if (name.asString().equals(column)) {
                return series.get("values").get(row).get(index);
            }
            index++;
        }
        throw new AssertionError("no column " + column + " in " + series.get("columns"));
    }
}
