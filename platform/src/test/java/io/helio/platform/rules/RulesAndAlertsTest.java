package io.helio.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A device's values open an alert when a rule's condition starts to hold and recover it when it
 * stops — one alert however long it holds, none for back-filled data — and people acknowledge and
 * close alerts; rules are checked against the model and stay behind the tenant wall.
 */
@PlatformTest
class RulesAndAlertsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Autowired
    R2dbcAlertRepository repository;

    @Test
    void aConditionOpensOneAlertWhileItHoldsAndRecoversItWhenItClears() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device =
                api.provisionDevice("climate", Map.of("temp", "DOUBLE", "humidity", "INT"), "room-1");
        api.postJson("/rules", """
                        {"ruleId":"hot_and_dry","name":"Hot and dry","productKey":"%s",
                         "expression":"temp > 80 && humidity < 20","severity":"MAJOR",
                         "message":"Hot and dry: {{temp}} °C at {{humidity}} %%"}""".formatted(device.productKey()))
                .expectStatus()
                .isCreated();
        String alerts = "/alerts?ruleId=hot_and_dry&deviceKey=room-1";

        try (EnosDevice room = EnosDevice.connect(
                "tcp://127.0.0.1:" + gateway.port(), device.productKey(), "room-1", device.secret())) {
            long now = System.currentTimeMillis();
            assertThat(room.postMeasurePoints("{\"temp\":85.5,\"humidity\":10}", now))
                    .contains("\"code\":200");
            JsonNode opened = api.awaitItems(alerts, page -> page.get("items").size() == 1)
                    .get("items")
                    .get(0);
            assertThat(opened.get("state").asString()).isEqualTo("ACTIVE");
            assertThat(opened.get("severity").asString()).isEqualTo("MAJOR");
            assertThat(opened.get("message").asString()).isEqualTo("Hot and dry: 85.5 °C at 10 %");
            assertThat(opened.get("values").get("temp").asDouble()).isEqualTo(85.5);

            // still holding: no second alert
            assertThat(room.postMeasurePoints("{\"temp\":90.0}", now + 1000)).contains("\"code\":200");
            // it clears
            assertThat(room.postMeasurePoints("{\"temp\":70.0}", now + 2000)).contains("\"code\":200");
            JsonNode recovered =
                    api.awaitItems(alerts, page -> page.get("items").get(0).has("recoveredAt"));
            assertThat(recovered.get("items")).hasSize(1);
            assertThat(recovered.get("items").get(0).get("state").asString()).isEqualTo("RECOVERED");

            // back-filled data never triggers rules
            assertThat(room.call(
                            "thing.measurepoint.resume",
                            "{\"measurepoints\":{\"temp\":99.0,\"humidity\":5},\"time\":" + (now - 60_000) + "}"))
                    .contains("\"code\":200");
            // and holding again opens a new alert
            assertThat(room.postMeasurePoints("{\"temp\":95.0,\"humidity\":5}", now + 3000))
                    .contains("\"code\":200");
            JsonNode again = api.awaitItems(alerts, page -> page.get("items").size() == 2);
            JsonNode newest = again.get("items").get(0);
            assertThat(newest.get("state").asString()).isEqualTo("ACTIVE");
            assertThat(newest.get("values").get("temp").asDouble()).isEqualTo(95.0);

            // people acknowledge and close it, and who and when are kept
            String id = newest.get("alertId").asString();
            JsonNode acknowledged = api.postJson("/alerts/" + id + "/acknowledge", "{}")
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(acknowledged.get("acknowledgedBy").asString()).isNotBlank();
            assertThat(acknowledged.has("acknowledgedAt")).isTrue();
            // a second acknowledgement changes nothing (and so the live stream hears of none)
            R2dbcAlertRepository.Marked repeated = repository
                    .acknowledge(TenantId.of(tenant), UUID.fromString(id), "someone else", Instant.now())
                    .block(Duration.ofSeconds(10));
            assertThat(repeated.changed()).isFalse();
            assertThat(repeated.alert().acknowledgedBy())
                    .isEqualTo(acknowledged.get("acknowledgedBy").asString());
            assertThat(api.getJson("/alerts/" + id).get("state").asString()).isEqualTo("ACTIVE");
            api.postJson("/alerts/" + id + "/close", "{}")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.state")
                    .isEqualTo("CLOSED");
            assertThat(api.getJson("/alerts?state=ACTIVE&ruleId=hot_and_dry").get("items"))
                    .isEmpty();
        }
    }

    @Test
    void aDelayedRuleFiresOnlyOnceItsConditionHasHeldThatLongEvenWithoutNewValues() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("pump", Map.of("pressure", "DOUBLE"), "p-1");
        api.postJson("/rules", """
                        {"ruleId":"high_pressure","name":"High pressure","productKey":"%s",
                         "expression":"pressure > 8","delaySeconds":1,"severity":"WARNING","message":"{{pressure}} bar"}""".formatted(device.productKey()))
                .expectStatus()
                .isCreated();
        String alerts = "/alerts?ruleId=high_pressure";

        try (EnosDevice pump =
                EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), device.productKey(), "p-1", device.secret())) {
            long now = System.currentTimeMillis();
            // a spike that clears within the delay raises nothing
            assertThat(pump.postMeasurePoints("{\"pressure\":9.0}", now)).contains("\"code\":200");
            assertThat(pump.postMeasurePoints("{\"pressure\":7.0}", now + 100)).contains("\"code\":200");
            Thread.sleep(1_500);
            assertThat(api.getJson(alerts).get("items")).isEmpty();

            // a pressure that stays high opens the alert once the delay is over, though nothing more is posted
            long started = System.nanoTime();
            assertThat(pump.postMeasurePoints("{\"pressure\":9.5}", now + 200)).contains("\"code\":200");
            JsonNode opened = api.awaitItems(alerts, page -> page.get("items").size() == 1);
            assertThat(opened.get("items")).hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(opened.get("items").get(0).get("message").asString()).isEqualTo("9.5 bar");
        }
    }

    @Test
    void alertChangesReachTheTenantsLiveStream() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("tank", Map.of("level", "INT"), "t-1");
        api.postJson("/rules", """
                        {"ruleId":"overflow","name":"Overflow","productKey":"%s","expression":"level > 90",
                         "severity":"CRITICAL","message":"{{level}} %%"}""".formatted(device.productKey()))
                .expectStatus()
                .isCreated();

        // the stream's answer begins with its first event: the tank fills and drains until two have come
        AtomicBoolean cycling = new AtomicBoolean(true);
        ExecutorService tank = Executors.newSingleThreadExecutor();
        Future<?> levels = tank.submit(() -> {
            try (EnosDevice sensor = EnosDevice.connect(
                    "tcp://127.0.0.1:" + gateway.port(), device.productKey(), "t-1", device.secret())) {
                for (int i = 0; cycling.get(); i++) {
                    sensor.postMeasurePoints("{\"level\":" + (i % 2 == 0 ? 95 : 50) + "}", System.currentTimeMillis());
                    Thread.sleep(100);
                }
            }
            return null;
        });
        List<String> changes = api.firstEvents("/alerts/live?ruleId=overflow", 2);
        cycling.set(false);
        levels.get(30, TimeUnit.SECONDS);
        tank.shutdown();

        assertThat(changes).hasSize(2);
        List<String> kinds = new ArrayList<>();
        for (String data : changes) {
            JsonNode change = JSON.readTree(data);
            kinds.add(change.get("change").asString());
            assertThat(change.get("alert").get("ruleId").asString()).isEqualTo("overflow");
            assertThat(change.get("alert").get("deviceKey").asString()).isEqualTo("t-1");
        }
        assertThat(kinds)
                .containsAnyOf("OPENED", "RECOVERED")
                .allMatch(kind -> kind.equals("OPENED") || kind.equals("RECOVERED"));
        assertThat(kinds.get(0)).isNotEqualTo(kinds.get(1));
    }

    @Test
    void aDryRunShowsWhenARuleWouldHaveFiredOnStoredDataWithItsDelay() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product =
                api.provisionDevice("oven", Map.of("temp", "DOUBLE"), "o-1").productKey();
        long t = 1_700_000_000_000L;
        StringBuilder lines = new StringBuilder();
        double[] temps = {70, 85, 90, 70, 95};
        for (int i = 0; i < temps.length; i++) {
            lines.append(product)
                    .append(",device=o-1 temp=")
                    .append(temps[i])
                    .append(' ')
                    .append(t + i * 10_000L)
                    .append('\n');
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        String run = """
                {"start":"%d","end":"%d","rule":{"name":"hot","productKey":"%s","expression":"temp > 80",
                 "severity":"MAJOR","message":"hot","delaySeconds":%d}}""";

        JsonNode immediate = dryRun(api, run.formatted(t, t + 60_000, product, 0));
        assertThat(changes(immediate)).containsExactly("OPENED@10", "RECOVERED@30", "OPENED@40");
        assertThat(immediate.get("recordsRead").asLong()).isEqualTo(5);
        assertThat(immediate.get("truncated").asBoolean()).isFalse();

        // with 15 s of delay: 85 at 10 s holds till 25 s; 95 at 40 s has no value after it but the range runs to 60 s
        JsonNode delayed = dryRun(api, run.formatted(t, t + 60_000, product, 15));
        assertThat(changes(delayed)).containsExactly("OPENED@25", "RECOVERED@30", "OPENED@55");
        assertThat(delayed.get("transitions").get(0).get("values").get("temp").asDouble())
                .isEqualTo(90.0);

        // nothing was raised for real
        assertThat(api.getJson("/alerts").get("items")).isEmpty();
    }

    private static JsonNode dryRun(Api api, String body) {
        return api.postJson("/rules/dry-run", body)
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** Each transition as "CHANGE@seconds from the first value". */
    private static List<String> changes(JsonNode result) {
        List<String> changes = new ArrayList<>();
        result.get("transitions")
                .forEach(transition -> changes.add(transition.get("change").asString() + "@"
                        + (transition.get("timestamp").asLong() - 1_700_000_000_000L) / 1000));
        return changes;
    }

    @Test
    void rulesAreCheckedAgainstTheModelAndStayWithinTheirTenant() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product = api.provisionDevice("climate", Map.of("temp", "DOUBLE"), "room-1")
                .productKey();
        String rule = "{\"ruleId\":\"r1\",\"name\":\"r\",\"productKey\":\"" + product
                + "\",\"severity\":\"INFO\",\"message\":\"m\",\"expression\":";

        for (String invalid : new String[] {"\"temp >\"", "\"pressure > 1\"", "\"temp > 'x'\"", "\"temp + 1\""}) {
            api.postJson("/rules", rule + invalid + "}")
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("RULE_INVALID");
        }
        api.postJson("/rules", rule + "\"temp > 1\",\"deviceKeys\":[\"nobody\"]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RULE_INVALID");
        api.postJson("/rules", rule + "\"temp > 1\"}").expectStatus().isCreated();
        api.postJson("/rules", rule + "\"temp > 2\"}").expectStatus().isEqualTo(409);
        api.postJson("/rules/r1/disable", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(false);
        assertThat(api.getJson("/rules?productKey=" + product).get("items")).hasSize(1);

        Api attacker = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        attacker.get("/rules/r1").expectStatus().isNotFound();
        attacker.postJson("/rules", rule.replace("r1", "r2") + "\"temp > 1\"}")
                .expectStatus()
                .isNotFound();
        assertThat(attacker.getJson("/rules").get("items")).isEmpty();
        attacker.delete("/rules/r1").expectStatus().isNotFound();
        api.get("/rules/r1").expectStatus().isOk();
    }
}
