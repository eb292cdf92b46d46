package io.helio.admin;

import static io.helio.admin.TenantAdminTestSupport.OPERATOR_ID;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_SECRET;
import static io.helio.admin.TenantAdminTestSupport.accessToken;
import static io.helio.admin.TenantAdminTestSupport.createTenant;
import static io.helio.admin.TenantAdminTestSupport.influx;
import static io.helio.admin.TenantAdminTestSupport.influxWrite;
import static io.helio.admin.TenantAdminTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.helio.admin.provisioning.TimeSeriesProvisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's retention policies cut its history into few shards: influxd keeps files of every shard
 * open, so the shards of all its tenants must fit in its file descriptors. Tenants created by an
 * earlier version get the same spans when tenant-admin starts.
 */
class ShardGroupTest extends TenantAdminIntegrationTest {

    @Autowired
    TimeSeriesProvisioner provisioner;

    @Test
    void aYearOfRawDataAndTwoYearsOfRollupsTakeAboutFortyShards() throws Exception {
        // given a tenant with the default retention (a year of raw data, two of minute rollups, hour rollups for ever)
        String database = "helio_" + createTenant(accessToken(OPERATOR_ID, OPERATOR_SECRET), "long-lived");

        // when each of its policies holds a point a day, as far back as it keeps them
        Instant now = Instant.now();
        writeDaily(database, "raw", now, 363);
        writeDaily(database, "rollup_1m", now, 728);
        writeDaily(database, "rollup_1h", now, 727);

        // then the raw data and the minute rollup are cut into 30-day shard groups, the hour rollup into 52-week ones
        // (influxd's own spans, a week each, would have made about 52, 105 and 104 shards)
        Map<String, Integer> shards = shardsPerPolicy(database);
        assertThat(shards.get("raw")).isBetween(13, 14);
        assertThat(shards.get("rollup_1m")).isBetween(25, 26);
        assertThat(shards.get("rollup_1h")).isBetween(2, 3);
    }

    @Test
    void policiesThatAnEarlierVersionCreatedGetTheCurrentSpans() throws Exception {
        // given a tenant whose policies have the week-long spans an earlier version gave them
        String database = "helio_" + createTenant(accessToken(OPERATOR_ID, OPERATOR_SECRET), "sharded-long-ago");
        String current = influx("SHOW RETENTION POLICIES ON \"" + database + "\"");
        for (String policy : new String[] {"raw", "rollup_1m", "rollup_1h"}) {
            influx("ALTER RETENTION POLICY \"" + policy + "\" ON \"" + database + "\" SHARD DURATION 7d");
        }
        assertThat(influx("SHOW RETENTION POLICIES ON \"" + database + "\"")).contains("\"168h0m0s\"");

        // when tenant-admin upgrades them, as it does at every start
        int resized = provisioner.upgradePolicies();

        // then they are those of a new tenant, and nothing is left to upgrade
        assertThat(resized).isGreaterThanOrEqualTo(3);
        assertThat(influx("SHOW RETENTION POLICIES ON \"" + database + "\"")).isEqualTo(current);
        assertThat(provisioner.upgradePolicies()).isZero();
    }

    /** One point a day into the policy, from now back {@code days} days. */
    private static void writeDaily(String database, String policy, Instant now, int days) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int day = 0; day <= days; day++) {
            lines.append("pk1,device=d1 temp=")
                    .append(day)
                    .append(' ')
                    .append(now.minus(Duration.ofDays(day)).getEpochSecond())
                    .append('\n');
        }
        influxWrite("precision=s&db=" + database + "&rp=" + policy, lines.toString());
    }

    private static Map<String, Integer> shardsPerPolicy(String database) throws Exception {
        Map<String, Integer> shards = new HashMap<>();
        for (JsonNode series : json(influx("SHOW SHARDS")).get("results").get(0).get("series")) {
            if (series.get("name").asString().equals(database)) {
                series.get("values").forEach(shard -> shards.merge(shard.get(2).asString(), 1, Integer::sum));
            }
        }
        return shards;
    }
}
