package io.helio.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Latest values (from the cache ingestion fills, or from InfluxDB for what it does not hold) and events by type. */
@PlatformTest
class LatestAndEventQueryTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void latestValuesComeFromTheCacheOrInfluxDbAndBackFillNeverHidesANewerValue() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice live = api.provisionDevice("m", Map.of("temp", "DOUBLE"), "live");
        String product = live.productKey();
        api.createDevice(product, "{\"deviceKey\":\"quiet\",\"name\":\"q\"}");
        long now = System.currentTimeMillis();
        try (EnosDevice device = EnosDevice.connect(broker(), product, "live", live.secret())) {
            assertThat(device.postMeasurePoints("{\"temp\":21.5}", now)).contains("\"code\":200");
            // back-filled older data does not replace it
            assertThat(device.call(
                            "thing.measurepoint.resume",
                            "{\"measurepoints\":{\"temp\":1.0},\"time\":" + (now - 60_000) + "}"))
                    .contains("\"code\":200");
        }
        // a device that reported before this platform started: only InfluxDB knows its value
        PlatformTestEnvironment.influxWrite(tenant, product + ",device=quiet temp=7.5 " + (now - 3_600_000) + "\n");

        String query = "/timeseries/latest?productKey=" + product + "&deviceKey=live&deviceKey=quiet&point=temp";
        JsonNode items = api.getJson(query).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("deviceKey").asString()).isEqualTo("live");
        assertThat(items.get(0).get("value").asDouble()).isEqualTo(21.5);
        assertThat(items.get(0).get("timestamp").asLong()).isEqualTo(now);
        assertThat(items.get(1).get("deviceKey").asString()).isEqualTo("quiet");
        assertThat(items.get(1).get("value").asDouble()).isEqualTo(7.5);

        // only values newer than a minute ago
        JsonNode recent = api.getJson(query + "&since=" + (now - 60_000)).get("items");
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).get("deviceKey").asString()).isEqualTo("live");
    }

    @Test
    void eventsByTypeAndRangeAPageAtATime() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        api.postJson("/thing-models", """
                {"modelId":"pump","name":"Pump","elements":{"events":[
                  {"identifier":"overheat","outputs":[{"identifier":"level","type":{"dataType":"INT"}}]},
                  {"identifier":"restart","outputs":[{"identifier":"reason","type":{"dataType":"STRING"}}]}]}}""").expectStatus().isCreated();
        String product = api.createProduct("{\"name\":\"Pump\",\"modelId\":\"pump\"}");
        String secret = api.createDevice(product, "{\"deviceKey\":\"p-1\",\"name\":\"p\"}");
        long t0 = System.currentTimeMillis() - 60_000;
        try (EnosDevice pump = EnosDevice.connect(broker(), product, "p-1", secret)) {
            for (int i = 0; i < 5; i++) {
                assertThat(event(pump, "overheat", "{\"level\":" + i + "}", t0 + i * 1000L))
                        .contains("\"code\":200");
            }
            assertThat(event(pump, "restart", "{\"reason\":\"power\"}", t0 + 2500))
                    .contains("\"code\":200");
        }
        String range =
                "/timeseries/events?productKey=" + product + "&deviceKey=p-1&start=" + t0 + "&end=" + (t0 + 10_000);

        JsonNode all = api.getJson(range);
        assertThat(all.get("items")).hasSize(6);
        assertThat(all.get("items").get(3).get("event").asString()).isEqualTo("restart");
        assertThat(all.get("items").get(3).get("output").get("reason").asString())
                .isEqualTo("power");

        List<Long> levels = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.getJson(
                    range + "&event=overheat&order=DESC&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items")
                    .forEach(item -> levels.add(item.get("output").get("level").asLong()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(levels).containsExactly(4L, 3L, 2L, 1L, 0L);

        api.get(range + "&event=flood")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNKNOWN_EVENT");
    }

    private String broker() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    private static String event(EnosDevice device, String eventId, String outputs, long time) throws Exception {
        return device.request(
                device.topic("thing/event/" + eventId + "/post"),
                "{\"id\":\"" + device.nextId() + "\",\"version\":\"1.0\",\"method\":\"thing.event." + eventId
                        + ".post\",\"params\":{\"events\":" + outputs + ",\"time\":" + time + "}}",
                Duration.ofSeconds(10));
    }
}
