package io.helio.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The other kinds of condition, driven by real devices over MQTT: windows (whose aggregates are also
 * written back as a derived point), events, no data and offline; and the commands a rule sends.
 */
@PlatformTest
class StreamRulesTest {

    private static final long MINUTE = 60_000;

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Autowired
    DatabaseClient db;

    @Autowired
    TenantScope scope;

    @Test
    void aTumblingWindowIsJudgedWhenItEndsAndItsAverageIsWrittenBackAsADerivedPoint() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device =
                api.provisionDevice("kiln", Map.of("temp", "DOUBLE", "temp_avg", "DOUBLE"), "k-1");
        createRule(api, """
                {"ruleId":"hot_minute","name":"Hot minute","productKey":"%s","severity":"MAJOR",
                 "message":"average {{avg_temp}}","window":{"type":"TUMBLING","minutes":1,"point":"temp",
                 "function":"avg","operator":"GT","threshold":50,"derivedPoint":"temp_avg"}}""".formatted(device.productKey()));
        // minutes that are over, so the last one is ended by the timer, not by a later value
        long base = (System.currentTimeMillis() / MINUTE - 5) * MINUTE;

        try (EnosDevice kiln = connect(device)) {
            post(kiln, "{\"temp\":10.0}", base);
            post(kiln, "{\"temp\":20.0}", base + 30_000);
            post(kiln, "{\"temp\":80.0}", base + MINUTE);
            post(kiln, "{\"temp\":90.0}", base + MINUTE + 30_000);
            post(kiln, "{\"temp\":30.0}", base + 2 * MINUTE);
            post(kiln, "{\"temp\":40.0}", base + 2 * MINUTE + 30_000);

            JsonNode alert = api.awaitItems(
                            "/alerts?ruleId=hot_minute",
                            page -> page.get("items").get(0).has("recoveredAt"))
                    .get("items")
                    .get(0);
            assertThat(alert.get("values").get("avg_temp").asDouble()).isEqualTo(85.0);
            assertThat(alert.get("message").asString()).isEqualTo("average 85.0");
            assertThat(alert.get("state").asString()).isEqualTo("RECOVERED");
        }
        // one aggregate per minute, at each minute's end, queryable like any value
        String lastMinute = "[" + (base + 3 * MINUTE) + ",";
        String derived = PlatformTestEnvironment.awaitInfluxAnswer(
                "SELECT temp_avg FROM \"helio_" + tenant + "\"..\"" + device.productKey()
                        + "\" WHERE device = 'k-1' AND temp_avg > -1",
                answer -> answer.contains(lastMinute));
        assertThat(derived)
                .contains(
                        "[" + (base + MINUTE) + ",15]",
                        "[" + (base + 2 * MINUTE) + ",85]",
                        "[" + (base + 3 * MINUTE) + ",35]");
        assertThat(api.getJson("/alerts?ruleId=hot_minute").get("items")).hasSize(1);
    }

    @Test
    void aSlidingWindowIsJudgedOnEveryValueOnceItHasBeenWatchedWhole() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("boiler", Map.of("pressure", "INT"), "b-1");
        createRule(api, """
                {"ruleId":"peak","name":"Peak","productKey":"%s","severity":"WARNING","message":"peak {{max_pressure}}",
                 "window":{"type":"SLIDING","minutes":1,"point":"pressure","function":"max","operator":"GE",
                 "threshold":100}}""".formatted(device.productKey()));
        long base = System.currentTimeMillis() - 10 * MINUTE;
        String alerts = "/alerts?ruleId=peak";

        try (EnosDevice boiler = connect(device)) {
            post(boiler, "{\"pressure\":10}", base);
            // a peak, but the window has not been watched for a whole minute yet
            post(boiler, "{\"pressure\":120}", base + 30_000);
            Thread.sleep(500);
            assertThat(api.getJson(alerts).get("items")).isEmpty();
            // the minute up to this value holds the peak
            post(boiler, "{\"pressure\":20}", base + 61_000);
            JsonNode opened = api.awaitItems(alerts, page -> true).get("items").get(0);
            assertThat(opened.get("values").get("max_pressure").asDouble()).isEqualTo(120.0);
            // the peak slides out
            post(boiler, "{\"pressure\":30}", base + 100_000);
            api.awaitItems(alerts, page -> page.get("items").get(0).has("recoveredAt"));
        }
        assertThat(api.getJson(alerts).get("items")).hasSize(1);
    }

    @Test
    void anEventOpensAnAlertThatHoldsUntilClosedAndItsRuleSendsCommands() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        api.postJson("/thing-models", """
                {"modelId":"pump","name":"Pump","elements":{
                 "measurePoints":[{"identifier":"speed","type":{"dataType":"INT"}}],
                 "services":[{"identifier":"stop","callType":"ASYNC","inputs":[
                   {"identifier":"reason","type":{"dataType":"STRING","maxLength":64}}]}],
                 "events":[{"identifier":"overheat","outputs":[{"identifier":"level","type":{"dataType":"INT"}}]}]}}""").expectStatus().isCreated();
        String product = api.createProduct("{\"name\":\"Pump\",\"modelId\":\"pump\"}");
        String secret = api.createDevice(product, "{\"deviceKey\":\"p-1\",\"name\":\"p\"}");
        createRule(api, """
                {"ruleId":"overheated","name":"Overheated","productKey":"%s","severity":"CRITICAL",
                 "message":"overheat level {{level}}","eventId":"overheat","commands":[
                  {"when":"OPENED","serviceId":"stop","params":{"reason":"overheat"}},
                  {"when":"OPENED","params":{"speed":0}}]}""".formatted(product));
        String alerts = "/alerts?ruleId=overheated";

        try (EnosDevice pump = connect(new Api.ProvisionedDevice(product, "p-1", secret))) {
            BlockingQueue<String> commands = new LinkedBlockingQueue<>();
            pump.subscribe(
                    pump.topic("thing/service/#"),
                    (topic, message) -> commands.add(topic.substring(topic.indexOf("/thing/service/")) + " "
                            + new String(message.getPayload())));

            assertThat(event(pump, "{\"level\":3}")).contains("\"code\":200");
            JsonNode opened = api.awaitItems(alerts, page -> true).get("items").get(0);
            assertThat(opened.get("message").asString()).isEqualTo("overheat level 3");
            String stop = commands.poll(10, TimeUnit.SECONDS);
            String set = commands.poll(10, TimeUnit.SECONDS);
            assertThat(stop)
                    .startsWith("/thing/service/stop ")
                    .contains("\"method\":\"thing.service.stop\"", "\"reason\":\"overheat\"");
            assertThat(set)
                    .startsWith("/thing/service/measurepoint/set ")
                    .contains("\"method\":\"thing.service.measurepoint.set\"", "\"speed\":0");

            // more events while it is open raise nothing, and send nothing
            assertThat(event(pump, "{\"level\":4}")).contains("\"code\":200");
            Thread.sleep(500);
            assertThat(api.getJson(alerts).get("items")).hasSize(1);
            assertThat(commands).isEmpty();

            // once closed, the next event raises a new alert
            api.postJson("/alerts/" + opened.get("alertId").asString() + "/close", "{}")
                    .expectStatus()
                    .isOk();
            assertThat(event(pump, "{\"level\":5}")).contains("\"code\":200");
            JsonNode again = api.awaitItems(alerts, page -> page.get("items").size() == 2);
            assertThat(again.get("items").get(0).get("message").asString()).isEqualTo("overheat level 5");
            assertThat(again.get("items").get(0).get("state").asString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aDeviceSilentLongerThanItsRuleAllowsRaisesAnAlertThatRecoversWhenItPostsAgain() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("energy", "DOUBLE"), "m-1");
        api.createDevice(device.productKey(), "{\"deviceKey\":\"m-2\",\"name\":\"m-2\"}");
        createRule(api, """
                {"ruleId":"silent","name":"Silent","productKey":"%s","deviceKeys":["m-1"],"severity":"WARNING",
                 "message":"no data since {{silentSince}}","noDataMinutes":1}""".formatted(device.productKey()));
        String alerts = "/alerts?ruleId=silent";

        try (EnosDevice meter = connect(device)) {
            post(meter, "{\"energy\":1.0}", System.currentTimeMillis());
            awaitSql(tenant, "SELECT count(*) AS n FROM device_data_arrivals WHERE device_key = 'm-1'");
            Thread.sleep(500);
            assertThat(api.getJson(alerts).get("items")).isEmpty();

            // two minutes pass without data (for the rule and the device, which were created just now, too)
            backdate(tenant, "UPDATE device_data_arrivals SET last_at = last_at - interval '2 minutes'");
            backdate(tenant, "UPDATE rules SET updated_at = updated_at - interval '2 minutes'");
            backdate(tenant, "UPDATE devices SET created_at = created_at - interval '2 minutes'");
            JsonNode opened = api.awaitItems(alerts, page -> true).get("items").get(0);
            assertThat(opened.get("deviceKey").asString()).isEqualTo("m-1");
            assertThat(opened.get("message").asString()).startsWith("no data since 20");

            post(meter, "{\"energy\":2.0}", System.currentTimeMillis());
            api.awaitItems(alerts, page -> page.get("items").get(0).has("recoveredAt"));
        }
        // m-2, which the rule does not name, raised nothing
        assertThat(api.getJson(alerts).get("items")).hasSize(1);
    }

    @Test
    void aDeviceOfflineLongerThanItsRuleAllowsRaisesAnAlertThatRecoversWhenItConnects() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("gate", Map.of("open", "BOOL"), "g-1");
        createRule(api, """
                {"ruleId":"gone","name":"Gone","productKey":"%s","severity":"MAJOR","message":"offline",
                 "offlineMinutes":5,"commands":[{"when":"RECOVERED","params":{"open":false}}]}""".formatted(device.productKey()));
        String alerts = "/alerts?ruleId=gone";

        connect(device).close();
        Eventually.holds(() -> api.getJson("/products/" + device.productKey() + "/devices/g-1")
                .get("status")
                .asString()
                .equals("OFFLINE"));
        Thread.sleep(500);
        assertThat(api.getJson(alerts).get("items")).isEmpty();

        backdate(tenant, "UPDATE devices SET last_seen = last_seen - interval '6 minutes'");
        api.awaitItems(alerts, page -> true);

        try (EnosDevice gate = connect(device)) {
            BlockingQueue<String> commands = new LinkedBlockingQueue<>();
            gate.subscribe(
                    gate.topic("thing/service/#"), (topic, message) -> commands.add(new String(message.getPayload())));
            JsonNode recovered =
                    api.awaitItems(alerts, page -> page.get("items").get(0).has("recoveredAt"));
            assertThat(recovered.get("items").get(0).get("state").asString()).isEqualTo("RECOVERED");
            assertThat(commands.poll(10, TimeUnit.SECONDS))
                    .contains("thing.service.measurepoint.set", "\"open\":false");
        }
    }

    @Test
    void aModelsRuleWatchesEveryProductOfItAndAnAssetSubtreeNarrowsItAndItsAlerts() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice a1 = api.provisionDevice("fan", Map.of("rpm", "INT"), "a-1");
        String secretA2 = api.createDevice(a1.productKey(), "{\"deviceKey\":\"a-2\",\"name\":\"a-2\"}");
        String productB = api.createProduct("{\"name\":\"Fan B\",\"modelId\":\"fan\"}");
        String secretB1 = api.createDevice(productB, "{\"deviceKey\":\"b-1\",\"name\":\"b-1\"}");
        api.postJson("/thing-models", "{\"modelId\":\"area\",\"name\":\"Area\"}")
                .expectStatus()
                .isCreated();
        api.postJson("/asset-trees", "{\"treeId\":\"plant\",\"name\":\"Plant\"}")
                .expectStatus()
                .isCreated();
        String plant = node(api, null, "Plant", "\"asset\":{\"modelId\":\"area\"}");
        String hall = node(api, plant, "Hall", "\"asset\":{\"modelId\":\"area\"}");
        node(api, hall, "Fan A1", "\"device\":{\"productKey\":\"" + a1.productKey() + "\",\"deviceKey\":\"a-1\"}");
        node(api, plant, "Fan B1", "\"device\":{\"productKey\":\"" + productB + "\",\"deviceKey\":\"b-1\"}");
        String rule = "{\"name\":\"Fast\",\"modelId\":\"fan\",\"expression\":\"rpm > 100\",\"severity\":\"INFO\","
                + "\"message\":\"{{rpm}} rpm\",";
        createRule(api, rule + "\"ruleId\":\"fast_anywhere\"}");
        createRule(
                api,
                rule + "\"ruleId\":\"fast_in_hall\",\"assetScope\":{\"treeId\":\"plant\",\"nodeId\":\"" + hall
                        + "\"}}");
        api.postJson(
                        "/rules",
                        rule + "\"ruleId\":\"nowhere\",\"assetScope\":{\"treeId\":\"plant\",\"nodeId\":"
                                + "\"n000000000000\"}}")
                .expectStatus()
                .isNotFound();
        api.postJson("/rules", rule + "\"ruleId\":\"both\",\"productKey\":\"" + productB + "\"}")
                .expectStatus()
                .isBadRequest();

        for (Api.ProvisionedDevice fan : new Api.ProvisionedDevice[] {
            a1,
            new Api.ProvisionedDevice(a1.productKey(), "a-2", secretA2),
            new Api.ProvisionedDevice(productB, "b-1", secretB1)
        }) {
            try (EnosDevice device = connect(fan)) {
                post(device, "{\"rpm\":150}", System.currentTimeMillis());
            }
        }

        JsonNode anywhere = api.awaitItems(
                "/alerts?ruleId=fast_anywhere", page -> page.get("items").size() == 3);
        assertThat(anywhere.get("items").findValuesAsString("deviceKey"))
                .containsExactlyInAnyOrder("a-1", "a-2", "b-1");
        JsonNode inHall = api.awaitItems("/alerts?ruleId=fast_in_hall", page -> true);
        Thread.sleep(300);
        inHall = api.getJson("/alerts?ruleId=fast_in_hall");
        assertThat(inHall.get("items").findValuesAsString("deviceKey")).containsExactly("a-1");
        assertThat(inHall.get("items").get(0).get("productKey").asString()).isEqualTo(a1.productKey());

        // alerts of a subtree: the hall's fan, under both rules; the whole plant's: every fan in the tree
        assertThat(api.getJson("/alerts?treeId=plant&nodeId=" + hall)
                        .get("items")
                        .findValuesAsString("deviceKey"))
                .containsExactly("a-1", "a-1");
        assertThat(api.getJson("/alerts?treeId=plant&nodeId=" + plant)
                        .get("items")
                        .findValuesAsString("deviceKey"))
                .containsExactlyInAnyOrder("a-1", "a-1", "b-1");
        api.get("/alerts?treeId=plant").expectStatus().isBadRequest();
        JsonNode read = api.getJson("/rules/fast_in_hall");
        assertThat(read.get("modelId").asString()).isEqualTo("fan");
        assertThat(read.get("assetScope").get("nodeId").asString()).isEqualTo(hall);
        assertThat(read.has("productKey")).isFalse();
    }

    private static String node(Api api, String parent, String name, String binding) {
        return api.postJson(
                        "/asset-trees/plant/nodes",
                        "{" + (parent == null ? "" : "\"parentNodeId\":\"" + parent + "\",") + "\"name\":\"" + name
                                + "\"," + binding + "}")
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("nodeId")
                .asString();
    }

    @Test
    void aWindowRuleIsDryRunOnStoredDataAndAnyRuleCanBeValidatedWithoutSavingIt() {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        String product =
                api.provisionDevice("oven", Map.of("temp", "DOUBLE"), "w-1").productKey();
        long base = 1_699_999_980_000L; // a minute's start
        double[][] stored = {{0, 10}, {30, 20}, {60, 80}, {90, 90}, {120, 30}};
        StringBuilder lines = new StringBuilder();
        for (double[] value : stored) {
            lines.append(product)
                    .append(",device=w-1 temp=")
                    .append(value[1])
                    .append(' ')
                    .append(base + (long) value[0] * 1000)
                    .append('\n');
        }
        PlatformTestEnvironment.influxWrite(tenant, lines.toString());
        String rule = """
                {"name":"hot","productKey":"%s","severity":"MAJOR","message":"hot",
                 "window":{"type":"TUMBLING","minutes":1,"point":"temp","function":"avg","operator":"GT","threshold":50}}""".formatted(product);

        JsonNode result = api.postJson(
                        "/rules/dry-run",
                        "{\"start\":\"" + base + "\",\"end\":\"" + (base + 240_000) + "\",\"rule\":" + rule + "}")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        // the second minute averages 85 and is judged at its end; the third, 30, at its own
        assertThat(result.get("transitions")).hasSize(2);
        assertThat(result.get("transitions").get(0).get("change").asString()).isEqualTo("OPENED");
        assertThat(result.get("transitions").get(0).get("timestamp").asLong()).isEqualTo(base + 120_000);
        assertThat(result.get("transitions")
                        .get(0)
                        .get("values")
                        .get("avg_temp")
                        .asDouble())
                .isEqualTo(85.0);
        assertThat(result.get("transitions").get(1).get("change").asString()).isEqualTo("RECOVERED");
        assertThat(result.get("transitions").get(1).get("timestamp").asLong()).isEqualTo(base + 180_000);

        api.postJson("/rules/validate", rule).expectStatus().isNoContent();
        api.postJson("/rules/validate", rule.replace("\"temp\"", "\"pressure\""))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RULE_INVALID");
        Api.forTenant(web, PlatformTestEnvironment.newTenant())
                .postJson("/rules/validate", rule)
                .expectStatus()
                .isNotFound();
        assertThat(api.getJson("/rules").get("items")).isEmpty();
    }

    @Test
    void rulesOfEveryKindAreCheckedAgainstTheModel() {
        Api api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        api.postJson("/thing-models", """
                {"modelId":"m","name":"M","elements":{
                 "measurePoints":[{"identifier":"temp","type":{"dataType":"DOUBLE"}},
                   {"identifier":"label","type":{"dataType":"STRING","maxLength":8}},
                   {"identifier":"count","type":{"dataType":"INT"}}],
                 "events":[{"identifier":"alarm","outputs":[]}]}}""").expectStatus().isCreated();
        String product = api.createProduct("{\"name\":\"M\",\"modelId\":\"m\"}");
        String rule = "{\"ruleId\":\"r\",\"name\":\"r\",\"productKey\":\"" + product
                + "\",\"severity\":\"INFO\",\"message\":\"m\",";
        String window = "\"window\":{\"type\":\"TUMBLING\",\"minutes\":1,\"function\":\"avg\",\"operator\":\"GT\","
                + "\"threshold\":1,";
        Map<String, String> invalid = Map.of(
                "two conditions", "\"expression\":\"temp > 1\",\"eventId\":\"alarm\"}",
                "no condition", "\"delaySeconds\":1}",
                "a text window", window + "\"point\":\"label\"}}",
                "an average into an INT", window + "\"point\":\"temp\",\"derivedPoint\":\"count\"}}",
                "an unknown derived point", window + "\"point\":\"temp\",\"derivedPoint\":\"nope\"}}",
                "an unknown event", "\"eventId\":\"flood\"}",
                "a delayed event", "\"eventId\":\"alarm\",\"delaySeconds\":5}",
                "an unknown service",
                        "\"eventId\":\"alarm\",\"commands\":[{\"when\":\"OPENED\",\"serviceId\":\"x\","
                                + "\"params\":{}}]}",
                "an unknown point to set",
                        "\"eventId\":\"alarm\",\"commands\":[{\"when\":\"OPENED\"," + "\"params\":{\"nope\":1}}]}");
        invalid.forEach((what, body) -> api.postJson("/rules", rule + body)
                .expectStatus()
                .value(status -> assertThat(status).as(what).isEqualTo(400))
                .expectBody()
                .jsonPath("$.code")
                .value(code -> assertThat(code).as(what).isIn("RULE_INVALID", "VALIDATION_FAILED")));

        JsonNode created = api.postJson("/rules", rule + window + "\"point\":\"temp\",\"derivedPoint\":\"temp\"}}")
                .expectStatus()
                .isBadRequest()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(created.get("detail").asString()).contains("differ");
        JsonNode counted = api.postJson(
                        "/rules",
                        rule + window.replace("avg", "count") + "\"point\":\"temp\",\"derivedPoint\":\"count\"}}")
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(counted.get("window").get("derivedPoint").asString()).isEqualTo("count");
        assertThat(counted.has("expression")).isFalse();

        // a model change that would break the rule is refused, naming it
        api.putJson("/thing-models/m", """
                        {"name":"M","elements":{"measurePoints":[{"identifier":"count","type":{"dataType":"INT"}}]}}""")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MODEL_CHANGE_BREAKS_USERS")
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("rules 'r'"));
    }

    private void createRule(Api api, String json) {
        api.postJson("/rules", json).expectStatus().isCreated();
    }

    private EnosDevice connect(Api.ProvisionedDevice device) throws Exception {
        return EnosDevice.connect(
                "tcp://127.0.0.1:" + gateway.port(), device.productKey(), device.deviceKey(), device.secret());
    }

    private static void post(EnosDevice device, String points, long time) throws Exception {
        assertThat(device.postMeasurePoints(points, time)).contains("\"code\":200");
    }

    private static String event(EnosDevice device, String outputs) throws Exception {
        return device.request(
                device.topic("thing/event/overheat/post"),
                "{\"id\":\"" + device.nextId() + "\",\"version\":\"1.0\",\"method\":\"thing.event.overheat.post\","
                        + "\"params\":{\"events\":" + outputs + ",\"time\":" + System.currentTimeMillis() + "}}",
                Duration.ofSeconds(10));
    }

    /** Moves the tenant's recorded times back, as if that much time had passed. */
    private void backdate(String tenant, String update) {
        scope.mono(TenantId.of(tenant), () -> db.sql(update).then()).block(Duration.ofSeconds(10));
    }

    private void awaitSql(String tenant, String count) throws InterruptedException {
        Eventually.holds(() -> scope.mono(
                                TenantId.of(tenant),
                                () -> db.sql(count)
                                        .map(row -> row.get("n", Long.class))
                                        .one())
                        .block(Duration.ofSeconds(10))
                > 0);
    }
}
