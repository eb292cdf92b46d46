package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Back-filled data arrives too late for the rollups' continuous queries (which the test databases do
 * not even have): the platform rolls its hours up itself, so aggregates from rollups still count it.
 */
@PlatformTest
class RollupRepairTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void backFilledHoursAreRolledUpSoRollupAnswersCountThem() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("m", Map.of("kwh", "INT"), "meter");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        resumeAnHour(gateway.port(), device, hour);
        String query = hourlySum(device, hour);

        JsonNode fromRollup = awaitSum(api, query, 150);
        assertThat(fromRollup.get("source").asString()).isEqualTo("ROLLUP_1H");
        assertThat(fromRollup
                        .get("items")
                        .get(0)
                        .get("measurepoints")
                        .get("kwh")
                        .asLong())
                .isEqualTo(0 + 10 + 20 + 30 + 40 + 50);
        // each rollup is repaired on its own, in no set order: the minutes may follow the hour
        JsonNode fromMinutes = awaitSum(api, query.replace("interval=1h", "interval=30m"), 150);
        assertThat(fromMinutes.get("source").asString()).isEqualTo("ROLLUP_1M");
        assertThat(fromMinutes
                        .get("items")
                        .get(1)
                        .get("measurepoints")
                        .get("kwh")
                        .asLong())
                .isEqualTo(30 + 40 + 50);
    }

    /**
     * The late buckets a node notes are in PostgreSQL before its replies go out, so a node that dies
     * before its repair runs (killed, out of memory) leaves them to the others: here a node whose
     * repair would not run for an hour, and this test's platform, whose repair runs every 200 ms.
     */
    @Test
    void lateDataStoredThroughOneNodeIsRolledUpByAnother() throws Exception {
        // given back-filled data stored through a node whose repair would not run for an hour
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("m", Map.of("kwh", "INT"), "meter");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
        try (ConfigurableApplicationContext node =
                PlatformTestEnvironment.anotherNode("helio.influx.rollup-repair-every=1h")) {
            resumeAnHour(node.getBean(MoquetteDeviceGateway.class).port(), device, hour);

            // then, while that node still runs, both rollups count the data
            JsonNode fromRollup = awaitSum(api, hourlySum(device, hour), 150);
            assertThat(fromRollup.get("source").asString()).isEqualTo("ROLLUP_1H");
            assertThat(sum(fromRollup)).isEqualTo(150);
            JsonNode fromMinutes = awaitSum(api, hourlySum(device, hour).replace("interval=1h", "interval=30m"), 150);
            assertThat(fromMinutes.get("source").asString()).isEqualTo("ROLLUP_1M");
            assertThat(sum(fromMinutes)).isEqualTo(150);
        }
    }

    /** Resumes a reading every 10 minutes of the hour (0, 10, ... 50 kWh) through the node on that MQTT port. */
    private static void resumeAnHour(int mqttPort, Api.ProvisionedDevice device, Instant hour) throws Exception {
        try (EnosDevice meter =
                EnosDevice.connect("tcp://127.0.0.1:" + mqttPort, device.productKey(), "meter", device.secret())) {
            for (int minute = 0; minute < 60; minute += 10) {
                assertThat(meter.call(
                                "thing.measurepoint.resume",
                                "{\"measurepoints\":{\"kwh\":" + minute + "},\"time\":"
                                        + hour.plus(Duration.ofMinutes(minute)).toEpochMilli() + "}"))
                        .contains("\"code\":200");
            }
        }
    }

    private static String hourlySum(Api.ProvisionedDevice device, Instant hour) {
        return "/timeseries/aggregated?productKey=" + device.productKey() + "&deviceKey=meter&point=kwh"
                + "&start=" + hour.toEpochMilli() + "&end="
                + hour.plus(Duration.ofHours(1)).toEpochMilli()
                + "&interval=1h&function=sum";
    }

    /** The repair runs every 200 ms here; until it has run after the last post, a rollup lacks some of the hour. */
    private static JsonNode awaitSum(Api api, String query, long expected) {
        return Eventually.read(() -> api.getJson(query), answer -> sum(answer) == expected, Duration.ofSeconds(20));
    }

    /** The sum over every bucket of the answer; -1 when it has none. */
    private static long sum(JsonNode answer) {
        if (answer.get("items").isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (JsonNode bucket : answer.get("items")) {
            sum += bucket.get("measurepoints").get("kwh").asLong();
        }
        return sum;
    }
}
