package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.util.Map;
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

    @BeforeEach
    void gatewayAndSensors() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
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
            box.mqtt()
                    .publish(
                            post,
                            "{\"id\":\"2\",\"method\":\"thing.measurepoint.post\",\"params\":{}}".getBytes(),
                            0,
                            false);
            awaitDisconnected(box);
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

            box.mqtt().publish("/sys/" + sensorProduct + "/s-1/thing/measurepoint/post", "{}".getBytes(), 0, false);
            awaitDisconnected(box);
        }
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

    private void awaitStatus(String deviceKey, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String current = "";
        while (System.nanoTime() < deadline) {
            current = api.get("/products/" + sensorProduct + "/devices/" + deviceKey)
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("status")
                    .toString();
            if (current.equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(current).isEqualTo(status);
    }

    private static void awaitDisconnected(EnosDevice device) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (device.mqtt().isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(device.mqtt().isConnected()).as("gateway disconnected").isFalse();
    }
}
