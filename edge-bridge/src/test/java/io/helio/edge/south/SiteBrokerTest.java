package io.helio.edge.south;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.helio.edge.buffer.BufferedFrame;
import io.helio.edge.buffer.FrameBuffer;
import io.helio.infra.EnosDevice;
import io.helio.infra.FreePort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole edge application with its site broker, its buffer on disk and no cloud to reach: site
 * devices get the device protocol's answers from the edge itself — 200 once a post is buffered,
 * precise codes for what is wrong, 429 when the buffer is full, 500 for what needs the cloud.
 */
@SpringBootTest
@DirtiesContext
class SiteBrokerTest {

    private static final int MQTT_PORT = FreePort.next();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path folder;

    @DynamicPropertySource
    static void site(DynamicPropertyRegistry registry) {
        registry.add("helio.edge.cloud.host", () -> "127.0.0.1");
        registry.add("helio.edge.cloud.port", FreePort::next); // nothing listens: the cloud is away
        registry.add("helio.edge.mqtt.host", () -> "127.0.0.1");
        registry.add("helio.edge.mqtt.port", () -> MQTT_PORT);
        registry.add("helio.edge.buffer.file", () -> folder.resolve("buffer.db").toString());
        registry.add("helio.edge.buffer.capacity", () -> 4);
        registry.add("helio.edge.gateway.product-key", () -> "gwProduct");
        registry.add("helio.edge.gateway.device-key", () -> "gw-1");
        registry.add("helio.edge.gateway.device-secret", () -> "gateway-secret");
        registry.add("helio.edge.devices[0].product-key", () -> "sensors");
        registry.add("helio.edge.devices[0].device-key", () -> "s-1");
        registry.add("helio.edge.devices[0].device-secret", () -> "s-1-secret");
        registry.add("helio.edge.devices[0].points.t_raw.to", () -> "temp");
        registry.add("helio.edge.devices[0].points.t_raw.scale", () -> "0.1");
        registry.add("helio.edge.devices[1].product-key", () -> "sensors");
        registry.add("helio.edge.devices[1].device-key", () -> "s-2");
        registry.add("helio.edge.devices[1].device-secret", () -> "s-2-secret");
    }

    @Autowired
    FrameBuffer buffer;

    @Autowired
    CommandRelay commands;

    String broker = "tcp://127.0.0.1:" + MQTT_PORT;

    @BeforeEach
    void emptyBuffer() {
        List<BufferedFrame> held = buffer.after(0, 100);
        if (!held.isEmpty()) {
            buffer.removeUpTo(held.get(held.size() - 1).seq());
        }
    }

    @Test
    void onlyTheSitesDevicesSignedWithTheirOwnSecretsConnect() {
        assertThatThrownBy(() -> EnosDevice.connect(broker, "sensors", "s-9", "s-1-secret"))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> EnosDevice.connect(broker, "sensors", "s-1", "s-2-secret"))
                .isInstanceOf(MqttException.class);
    }

    @Test
    void aDeviceUsesOnlyItsOwnTopics() throws Exception {
        try (EnosDevice device = EnosDevice.connect(broker, "sensors", "s-1", "s-1-secret")) {
            assertThat(device.subscribe("/sys/sensors/s-2/thing/service/#", (topic, message) -> {}))
                    .isEqualTo(128);
            assertThat(device.subscribe("/sys/sensors/+/thing/service/#", (topic, message) -> {}))
                    .isEqualTo(128);
            assertThat(device.subscribe(device.topic("thing/service/#"), (topic, message) -> {}))
                    .isNotEqualTo(128);
        }
    }

    @Test
    void aPostIsAnswered200OnceBufferedWithItsPointsMappedAndATime() throws Exception {
        try (EnosDevice device = EnosDevice.connect(broker, "sensors", "s-1", "s-1-secret")) {
            String reply = device.request(
                    device.topic("thing/measurepoint/post"),
                    "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                            + "\"params\":{\"measurepoints\":{\"t_raw\":215,\"humidity\":40}}}",
                    Duration.ofSeconds(10));

            assertThat(JSON.readTree(reply).get("code").asInt()).isEqualTo(200);
            List<BufferedFrame> held = buffer.after(0, 10);
            assertThat(held).hasSize(1);
            JsonNode frame = JSON.readTree(held.get(0).params());
            assertThat(frame.get("measurepoints").get("temp").asDouble()).isEqualTo(21.5);
            assertThat(frame.get("measurepoints").get("humidity").asInt()).isEqualTo(40);
            assertThat(frame.get("time").asLong()).isCloseTo(System.currentTimeMillis(), Offset.offset(60_000L));
        }
    }

    @Test
    void aBatchIsBufferedWholeAMessagePerEntryOrNotAtAll() throws Exception {
        try (EnosDevice device = EnosDevice.connect(broker, "sensors", "s-1", "s-1-secret")) {
            String batch = device.topic("thing/measurepoint/post/batch");
            String reply = device.request(
                    batch,
                    "{\"id\":\"b1\",\"method\":\"thing.measurepoint.post.batch\",\"params\":["
                            + "{\"measurepoints\":{\"t_raw\":200},\"time\":1000},"
                            + "{\"productKey\":\"sensors\",\"deviceKey\":\"s-1\",\"measurepoints\":{\"t_raw\":210},\"time\":2000}]}",
                    Duration.ofSeconds(10));
            JsonNode answer = JSON.readTree(reply);
            assertThat(answer.get("code").asInt()).isEqualTo(200);
            assertThat(answer.get("data").get("stored").asInt()).isEqualTo(2);
            assertThat(buffer.after(0, 10))
                    .extracting(held -> JSON.readTree(held.params()))
                    .extracting(
                            frame -> frame.get("measurepoints").get("temp").asDouble(),
                            frame -> frame.get("time").asLong())
                    .containsExactly(tuple(20.0, 1000L), tuple(21.0, 2000L));

            // another device's entry, a malformed one, or more than the buffer holds: nothing of it is kept
            assertThat(
                            code(
                                    device,
                                    batch,
                                    "{\"id\":\"b2\",\"method\":\"thing.measurepoint.post.batch\",\"params\":["
                                            + "{\"measurepoints\":{\"t_raw\":1}},"
                                            + "{\"productKey\":\"sensors\",\"deviceKey\":\"s-2\",\"measurepoints\":{\"n\":1}}]}"))
                    .isEqualTo(1204);
            assertThat(code(
                            device,
                            batch,
                            "{\"id\":\"b3\",\"method\":\"thing.measurepoint.post.batch\",\"params\":[{\"time\":1}]}"))
                    .isEqualTo(1204);
            assertThat(code(device, batch, "{\"id\":\"b4\",\"method\":\"thing.measurepoint.post\",\"params\":[]}"))
                    .isEqualTo(1260);
            assertThat(code(
                            device,
                            batch,
                            "{\"id\":\"b5\",\"method\":\"thing.measurepoint.post.batch\",\"params\":["
                                    + "{\"measurepoints\":{\"t_raw\":1}},{\"measurepoints\":{\"t_raw\":2}},"
                                    + "{\"measurepoints\":{\"t_raw\":3}}]}"))
                    .isEqualTo(429);
            assertThat(buffer.size()).isEqualTo(2);
        }
    }

    @Test
    void whatIsWrongIsAnsweredWithTheProtocolsCodeAndNotBuffered() throws Exception {
        try (EnosDevice device = EnosDevice.connect(broker, "sensors", "s-1", "s-1-secret")) {
            String post = device.topic("thing/measurepoint/post");
            assertThat(code(device, post, "{not json")).isEqualTo(1220);
            assertThat(code(device, post, "{\"id\":\"2\",\"method\":\"thing.event.x.post\",\"params\":{}}"))
                    .isEqualTo(1260);
            assertThat(code(device, post, "{\"id\":\"3\",\"method\":\"thing.measurepoint.post\",\"params\":{}}"))
                    .isEqualTo(1204);
            // what needs the cloud cannot be answered while it is away
            assertThat(code(
                            device,
                            device.topic("thing/attribute/update"),
                            "{\"id\":\"4\",\"method\":\"thing.attribute.update\",\"params\":{\"attributes\":{}}}"))
                    .isEqualTo(500);
            assertThat(buffer.size()).isZero();
        }
    }

    @Test
    void aFullBufferAnswers429AndKeepsWhatItHolds() throws Exception {
        try (EnosDevice device = EnosDevice.connect(broker, "sensors", "s-2", "s-2-secret")) {
            for (int n = 0; n < 4; n++) {
                assertThat(JSON.readTree(device.postMeasurePoints("{\"n\":" + n + "}", 1_000 + n))
                                .get("code")
                                .asInt())
                        .isEqualTo(200);
            }
            JsonNode refused = JSON.readTree(device.postMeasurePoints("{\"n\":4}", 1_004));
            assertThat(refused.get("code").asInt()).isEqualTo(429);
            assertThat(refused.get("message").asString()).contains("capacity of 4");
            assertThat(buffer.after(0, 10)).hasSize(4);
        }
    }

    @Test
    void aCommandForADeviceThatIsNotConnectedFailsAtOnce() {
        JsonNode answer = commands.send("c-1", "sensors", "s-2", "thing.service.measurepoint.get", JSON.readTree("[]"))
                .block(Duration.ofSeconds(5));
        assertThat(answer.get("code").asInt()).isEqualTo(CommandRelay.NOT_CONNECTED);
        assertThat(answer.get("message").asString()).contains("not connected to the edge");
    }

    @Test
    void aCommandReachesAConnectedDeviceAndItsReplyComesBack() throws Exception {
        try (EnosDevice device = EnosDevice.connect(broker, "sensors", "s-1", "s-1-secret")) {
            device.subscribe(device.topic("thing/service/measurepoint/get"), (topic, message) -> {
                String request = new String(message.getPayload(), StandardCharsets.UTF_8);
                Thread answering = new Thread(() -> {
                    try {
                        device.mqtt()
                                .publish(
                                        topic + "_reply",
                                        ("{\"id\":\""
                                                        + JSON.readTree(request)
                                                                .get("id")
                                                                .asString()
                                                        + "\",\"code\":200,\"data\":{\"temp\":20.5}}")
                                                .getBytes(StandardCharsets.UTF_8),
                                        1,
                                        false);
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                });
                answering.start();
            });

            JsonNode answer = commands.send(
                            "c-2", "sensors", "s-1", "thing.service.measurepoint.get", JSON.readTree("[\"temp\"]"))
                    .block(Duration.ofSeconds(10));

            assertThat(answer.get("code").asInt()).isEqualTo(200);
            assertThat(answer.get("data").get("temp").asDouble()).isEqualTo(20.5);
        }
    }

    private static int code(EnosDevice device, String topic, String payload) throws Exception {
        return JSON.readTree(device.request(topic, payload, Duration.ofSeconds(10)))
                .get("code")
                .asInt();
    }
}
