package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Gateways and their sub-devices: topology through the API and the protocol, sub-device sessions, and their walls. */
@PlatformTest
class GatewayTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    Api api;
    String gatewayProduct;
    String gatewaySecret;
    String sensorProduct;
    Map<String, String> sensorSecrets;

    String tenant;

    @BeforeEach
    void gatewayAndSensors() {
        tenant = PlatformTestEnvironment.newTenant();
        api = Api.forTenant(web, tenant);
        api.postJson("/thing-models", "{\"modelId\":\"box\",\"name\":\"Box\"}")
                .expectStatus()
                .isCreated();
        api.postJson("/thing-models", """
                        {"modelId":"sensor","name":"Sensor","elements":{"measurePoints":[{"identifier":"temp","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isCreated();
        gatewayProduct = api.createProduct("{\"name\":\"Box\",\"modelId\":\"box\",\"type\":\"GATEWAY\"}");
        gatewaySecret = device(gatewayProduct, "gw-1");
        sensorProduct = api.createProduct("{\"name\":\"Sensor\",\"modelId\":\"sensor\"}");
        sensorSecrets = Map.of("s-1", device(sensorProduct, "s-1"), "s-2", device(sensorProduct, "s-2"));
    }

    @Test
    void theApiManagesAGatewaysSubDevicesWithinItsRules() {
        String subDevices = "/products/" + gatewayProduct + "/devices/gw-1/sub-devices";
        String sensor = "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-1\"}";

        api.postJson(subDevices, sensor).expectStatus().isNoContent();
        api.get(subDevices)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].deviceKey")
                .isEqualTo("s-1");

        String secondGateway = "/products/" + gatewayProduct + "/devices/gw-2/sub-devices";
        device(gatewayProduct, "gw-2");
        api.postJson(secondGateway, sensor)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SUB_DEVICE_TAKEN");
        api.postJson("/products/" + sensorProduct + "/devices/s-2/sub-devices", sensor)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_A_GATEWAY");
        Api.forTenant(web, PlatformTestEnvironment.newTenant())
                .get(subDevices)
                .expectStatus()
                .isNotFound();

        api.delete(subDevices + "/" + sensorProduct + "/s-1").expectStatus().isNoContent();
        api.delete(subDevices + "/" + sensorProduct + "/s-1")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SUB_DEVICE_NOT_FOUND");
    }

    @Test
    void aGatewayAddsSubDevicesItProvesItKnowsAndSpeaksForThemOnlyWhileLoggedIn() throws Exception {
        try (EnosDevice box = EnosDevice.connect(brokerUrl(), gatewayProduct, "gw-1", gatewaySecret)) {
            // the gateway adds s-2, signed with s-2's own secret; a forged signature is refused
            assertThat(box.call("thing.topo.add", "[" + signed("s-2", sensorSecrets.get("s-2")) + "]"))
                    .contains("\"code\":200");
            assertThat(box.call("thing.topo.add", "[" + signed("s-1", "not-its-secret") + "]"))
                    .contains("\"code\":1204", "signature");
            assertThat(box.call("thing.topo.get", "{}"))
                    .contains("\"deviceKey\":\"s-2\"")
                    .doesNotContain("s-1");

            // it may not log in a device outside its topology
            assertThat(login(box, "combine.login", signed("s-1", sensorSecrets.get("s-1"))))
                    .contains("\"code\":1204", "not a sub-device");

            // once s-2 is logged in, the gateway posts for it on s-2's own topics
            assertThat(login(box, "combine.login", signed("s-2", sensorSecrets.get("s-2"))))
                    .contains("\"code\":200", "\"deviceKey\":\"s-2\"");
            String post = "/sys/" + sensorProduct + "/s-2/thing/measurepoint/post";
            assertThat(box.request(
                            post,
                            "{\"id\":\"1\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"temp\":21.5}}}",
                            Duration.ofSeconds(10)))
                    .contains("\"code\":200");
            awaitStatus("s-2", "ONLINE");

            // after logout it may not
            assertThat(login(box, "combine.logout", "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-2\"}"))
                    .contains("\"code\":200");
            awaitStatus("s-2", "OFFLINE");
            assertThat(box.publishAndAwaitDisconnect(
                            post,
                            "{\"id\":\"2\",\"method\":\"thing.measurepoint.post\",\"params\":{}}".getBytes(),
                            Duration.ofSeconds(10)))
                    .as("gateway disconnected")
                    .isTrue();
        }
    }

    @Test
    void aBatchLoginSaysWhichSubDevicesLoggedInAndWhyOthersDidNot() throws Exception {
        String subDevices = "/products/" + gatewayProduct + "/devices/gw-1/sub-devices";
        api.postJson(subDevices, "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-1\"}")
                .expectStatus()
                .isNoContent();

        try (EnosDevice box = EnosDevice.connect(brokerUrl(), gatewayProduct, "gw-1", gatewaySecret)) {
            String reply = login(
                    box,
                    "combine.login.batch",
                    "{\"subDevices\":[" + signed("s-1", sensorSecrets.get("s-1")) + ","
                            + signed("s-2", sensorSecrets.get("s-2")) + "]}");

            assertThat(reply)
                    .contains("\"code\":200", "\"loginedSubDevices\":[{\"assetId\":\"s-1\"", "\"failedSubDevices\":[{")
                    .contains("\"deviceKey\":\"s-2\",\"message\"");
        }
    }

    @Test
    void detachingALoggedInSubDeviceEndsWhatTheGatewayMayDoForIt() throws Exception {
        String subDevices = "/products/" + gatewayProduct + "/devices/gw-1/sub-devices";
        api.postJson(subDevices, "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-1\"}")
                .expectStatus()
                .isNoContent();
        try (EnosDevice box = EnosDevice.connect(brokerUrl(), gatewayProduct, "gw-1", gatewaySecret)) {
            assertThat(login(box, "combine.login", signed("s-1", sensorSecrets.get("s-1"))))
                    .contains("\"code\":200");

            api.delete(subDevices + "/" + sensorProduct + "/s-1").expectStatus().isNoContent();

            assertThat(box.publishAndAwaitDisconnect(
                            "/sys/" + sensorProduct + "/s-1/thing/measurepoint/post",
                            "{}".getBytes(),
                            Duration.ofSeconds(10)))
                    .as("gateway disconnected")
                    .isTrue();
        }
    }

    @Test
    void aGatewayPostsABatchForItsLoggedInSubDevicesWholeOrNotAtAll() throws Exception {
        api.postJson(
                        "/products/" + gatewayProduct + "/devices/gw-1/sub-devices",
                        "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-1\"}")
                .expectStatus()
                .isNoContent();
        api.postJson(
                        "/products/" + gatewayProduct + "/devices/gw-1/sub-devices",
                        "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-2\"}")
                .expectStatus()
                .isNoContent();
        try (EnosDevice box = EnosDevice.connect(brokerUrl(), gatewayProduct, "gw-1", gatewaySecret)) {
            assertThat(login(box, "combine.login", signed("s-1", sensorSecrets.get("s-1"))))
                    .contains("\"code\":200");

            // a batch naming a sub-device that is not logged in is refused whole
            assertThat(box.call(
                            "thing.measurepoint.post.batch",
                            "[" + entry("s-1", 1, "21.0") + "," + entry("s-2", 1, "5.0") + "]"))
                    .contains("\"code\":1204", "s-2", "logged-in");
            // unless offline sub-devices are allowed
            assertThat(batch(
                            box,
                            "thing.measurepoint.post.batch",
                            "\"allowOfflineSubDevice\":true",
                            entry("s-1", 2, "21.5"),
                            entry("s-2", 2, "6.0"),
                            entry("s-1", 3, "22.0")))
                    .contains("\"code\":200", "\"stored\":3");
            // an invalid point fails the batch, or is skipped and named when asked
            assertThat(batch(
                            box,
                            "thing.measurepoint.resume.batch",
                            "\"allowOfflineSubDevice\":true",
                            entry("s-1", 4, "\"hot\"")))
                    .contains("\"code\":1204", "temp");
            assertThat(batch(
                            box,
                            "thing.measurepoint.resume.batch",
                            "\"skipInvalidMeasurepoints\":true",
                            "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"s-1\",\"measurepoints\":"
                                    + "{\"temp\":23.0,\"humidity\":40},\"time\":" + (T0 + 5) + "}"))
                    .contains("\"code\":200", "\"stored\":1", "\"measurepoint\":\"humidity\"");
            // another product's device that is no sub-device of it is refused even with the flag
            assertThat(batch(
                            box,
                            "thing.measurepoint.post.batch",
                            "\"allowOfflineSubDevice\":true",
                            "{\"productKey\":\"" + gatewayProduct
                                    + "\",\"deviceKey\":\"gw-2\",\"measurepoints\":{},\"time\":1}"))
                    .contains("\"code\":1204");
        }

        // then exactly the accepted points are stored: s-1 at +2, +3, +5 and s-2 at +2
        Pattern storedValue = Pattern.compile("\\[\\d{13},");
        String stored = PlatformTestEnvironment.awaitInfluxAnswer(
                "SELECT temp FROM \"helio_" + tenant + "\"..\"" + sensorProduct + "\" WHERE time >= " + T0
                        + "ms GROUP BY device",
                answer -> storedValue.matcher(answer).results().count() >= 4);
        assertThat(stored)
                .contains("[" + (T0 + 2) + ",21.5]", "[" + (T0 + 3) + ",22]", "[" + (T0 + 5) + ",23]")
                .contains("[" + (T0 + 2) + ",6]");
        assertThat(storedValue.matcher(stored).results().count()).isEqualTo(4);
    }

    private static final long T0 = System.currentTimeMillis() - 3_600_000;

    private String entry(String deviceKey, int offset, String temp) {
        return "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"" + deviceKey
                + "\",\"measurepoints\":{\"temp\":" + temp + "},\"time\":" + (T0 + offset) + "}";
    }

    /** A batch request with top-level flags beside its params. */
    private static String batch(EnosDevice box, String method, String flags, String... entries) throws Exception {
        String topic = box.topic(method.replace('.', '/'));
        return box.request(
                topic,
                "{\"id\":\"" + box.nextId() + "\",\"version\":\"1.0\",\"method\":\"" + method + "\"," + flags
                        + ",\"params\":[" + String.join(",", entries) + "]}",
                Duration.ofSeconds(10));
    }

    private String login(EnosDevice box, String method, String params) throws Exception {
        String payload = "{\"id\":\"" + box.nextId() + "\",\"version\":\"1.1\",\"method\":\"" + method
                + "\",\"params\":" + params + "}";
        return box.request(box.sessionTopic(method.replace('.', '/')), payload, Duration.ofSeconds(10));
    }

    private String signed(String deviceKey, String secret) {
        String timestamp = Long.toString(System.currentTimeMillis());
        return "{\"productKey\":\"" + sensorProduct + "\",\"deviceKey\":\"" + deviceKey + "\",\"clientId\":\""
                + deviceKey
                + "\",\"timestamp\":\"" + timestamp + "\",\"signMethod\":\"sha256\",\"sign\":\""
                + EnosDevice.sign(secret, deviceKey, deviceKey, sensorProduct, timestamp) + "\"}";
    }

    private String device(String product, String deviceKey) {
        return api.createDevice(product, "{\"deviceKey\":\"" + deviceKey + "\",\"name\":\"" + deviceKey + "\"}");
    }

    private String brokerUrl() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    private void awaitStatus(String deviceKey, String status) {
        assertThat(Eventually.read(
                        () -> api.get("/products/" + sensorProduct + "/devices/" + deviceKey)
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("status")
                                .toString(),
                        status::equals))
                .isEqualTo(status);
    }
}
