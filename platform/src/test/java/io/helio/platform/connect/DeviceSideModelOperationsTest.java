package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What a device does to its own model data over MQTT: attributes, tags, and dynamic activation. */
@PlatformTest
class DeviceSideModelOperationsTest {

    private static final String MODEL = """
            {"modelId":"meter","name":"Meter","elements":{
              "attributes":[
                {"identifier":"serial","type":{"dataType":"STRING"},"required":true},
                {"identifier":"phases","type":{"dataType":"INT","min":1,"max":3}}],
              "measurePoints":[{"identifier":"energy","type":{"dataType":"DOUBLE"}}]}}""";

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    Api api;
    String productKey;
    String secret;

    @BeforeEach
    void meter() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        api.postJson("/thing-models", MODEL).expectStatus().isCreated();
        productKey = api.createProduct("{\"name\":\"Meter\",\"modelId\":\"meter\"}");
        secret = createDevice(productKey, "m-1");
    }

    @Test
    void aDeviceUpdatesQueriesAndDeletesItsAttributesWithinItsModel() throws Exception {
        try (EnosDevice meter = connect("m-1", secret)) {
            assertThat(meter.call("thing.attribute.update", "{\"attributes\":{\"phases\":2}}"))
                    .contains("\"code\":200");
            assertThat(meter.call("thing.attribute.query", "{\"attributes\":[\"phases\"]}"))
                    .contains("\"code\":200", "\"attributes\":{\"phases\":2}");
            assertThat(meter.call("thing.attribute.query", "{}")).contains("\"serial\":\"S-1\"", "\"phases\":2");

            assertThat(meter.call("thing.attribute.update", "{\"attributes\":{\"phases\":9}}"))
                    .contains("\"code\":1204", "phases", "maximum");
            assertThat(meter.call("thing.attribute.update", "{\"attributes\":{\"colour\":\"red\"}}"))
                    .contains("\"code\":1204", "colour");
            assertThat(meter.call("thing.attribute.delete", "{\"attributes\":[\"serial\"]}"))
                    .contains("\"code\":1204", "'serial' is required");
            assertThat(meter.call("thing.attribute.update", "{\"attributes\":[]}"))
                    .contains("\"code\":1204");

            assertThat(meter.call("thing.attribute.delete", "{\"attributes\":[\"phases\"]}"))
                    .contains("\"code\":200");
        }
        api.get("/products/" + productKey + "/devices/m-1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.attributes.serial")
                .isEqualTo("S-1")
                .jsonPath("$.attributes.phases")
                .doesNotExist();
    }

    @Test
    void aDeviceUpdatesQueriesAndDeletesItsTags() throws Exception {
        try (EnosDevice meter = connect("m-1", secret)) {
            assertThat(meter.call("thing.tag.update", "{\"tags\":{\"site\":\"north\",\"floor\":\"2\"}}"))
                    .contains("\"code\":200");
            assertThat(meter.call("thing.tag.delete", "{\"tags\":[\"floor\"]}")).contains("\"code\":200");
            assertThat(meter.call("thing.tag.query", "{\"tags\":[]}")).contains("\"tags\":{\"site\":\"north\"}");
            assertThat(meter.call("thing.tag.update", "{\"tags\":{\"site\":5}}"))
                    .contains("\"code\":1204", "strings");
        }
        api.get("/devices?tag=site:north")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].deviceKey")
                .isEqualTo("m-1");
    }

    @Test
    void aDeviceOfADynamicActivationProductGetsItsSecretOnceAndThenUsesIt() throws Exception {
        // given a product that allows dynamic activation, and a device that never connected
        Map<?, ?> created = api.postJson(
                        "/products", "{\"name\":\"Field meter\",\"modelId\":\"meter\",\"dynamicActivation\":true}")
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String dynamicProduct =
                ((Map<?, ?>) created.get("product")).get("productKey").toString();
        String productSecret = created.get("productSecret").toString();
        String deviceSecret = createDevice(dynamicProduct, "f-1");

        // when it connects with the product secret and listens on its activation topic
        BlockingQueue<String> activation = new LinkedBlockingQueue<>();
        try (EnosDevice field = EnosDevice.activate(brokerUrl(), dynamicProduct, "f-1", productSecret)) {
            field.subscribe(
                    field.sessionTopic("thing/activate/info"),
                    (topic, message) -> activation.add(new String(message.getPayload())));

            // then it receives its own secret
            assertThat(activation.poll(10, TimeUnit.SECONDS))
                    .contains("\"method\":\"thing.activate.info\"", "\"deviceSecret\":\"" + deviceSecret + "\"");
        }

        // and from then on signs with it; the product secret no longer lets it in
        try (EnosDevice field = EnosDevice.connect(brokerUrl(), dynamicProduct, "f-1", deviceSecret)) {
            assertThat(field.postMeasurePoints("{\"energy\":1.5}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
        assertThatThrownBy(() -> EnosDevice.activate(brokerUrl(), dynamicProduct, "f-1", productSecret))
                .isInstanceOf(MqttSecurityException.class);
    }

    @Test
    void dynamicActivationIsRefusedWhereTheProductDoesNotAllowItOrTheSecretIsWrong() {
        String plainProductSecret = api.postJson("/products", "{\"name\":\"Plain\",\"modelId\":\"meter\"}")
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("productSecret")
                .toString();

        assertThatThrownBy(() -> EnosDevice.activate(brokerUrl(), productKey, "m-1", plainProductSecret))
                .isInstanceOf(MqttSecurityException.class);
        assertThatThrownBy(() -> EnosDevice.activate(brokerUrl(), productKey, "m-1", secret))
                .isInstanceOf(MqttSecurityException.class);
    }

    private String createDevice(String product, String deviceKey) {
        return api.createDevice(
                product,
                "{\"deviceKey\":\"" + deviceKey + "\",\"name\":\"" + deviceKey
                        + "\",\"attributes\":{\"serial\":\"S-1\"}}");
    }

    private EnosDevice connect(String deviceKey, String deviceSecret) throws Exception {
        return EnosDevice.connect(brokerUrl(), productKey, deviceKey, deviceSecret);
    }

    private String brokerUrl() {
        return "tcp://127.0.0.1:" + gateway.port();
    }
}
