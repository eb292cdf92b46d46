package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.platform.ingest.LatestValues;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.timeseries.LatestSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class DeviceDataPathTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Map<String, String> POINTS =
            Map.of("power", "INT", "temp", "DOUBLE", "ratio", "FLOAT", "running", "BOOL", "mode", "STRING");

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Autowired
    LatestValues latest;

    Api api;
    Api.ProvisionedDevice device;

    TenantId tenant;

    @BeforeEach
    void provision() {
        tenant = TenantId.of(PlatformTestEnvironment.newTenant());
        api = Api.forTenant(web, tenant.value());
        device = api.provisionDevice("inverter", POINTS, "inv-01");
    }

    @Test
    void postedMeasurePointsAreAcknowledgedStoredAndReadBackExactly() throws Exception {
        // given a device connected with its EnOS-signed credentials
        try (EnosDevice inverter = connect(device)) {
            // when it posts a value of every type
            String reply = inverter.postMeasurePoints(
                    "{\"power\":9007199254740993,\"temp\":21.5,\"ratio\":3,\"running\":true,\"mode\":\"grid\"}", T0);

            // then the platform answers 200 on the reply topic, and keeps the values as the latest
            assertThat(reply).contains("\"code\":200");
            assertThat(latest.of(tenant, ProductKey.of(device.productKey()), DeviceKey.of("inv-01"))
                            .get("power"))
                    .isEqualTo(new LatestSample(Instant.ofEpochMilli(T0), 9007199254740993L));
        }

        // and the raw data API returns exactly those values, typed by the model
        api.get(rawQuery(device, "power", "temp", "ratio", "running", "mode"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.items[0].deviceKey")
                .isEqualTo("inv-01")
                .jsonPath("$.items[0].time")
                .isEqualTo("2023-11-14T22:13:20Z")
                .jsonPath("$.items[0].measurepoints.power")
                .isEqualTo(9007199254740993L)
                .jsonPath("$.items[0].measurepoints.temp")
                .isEqualTo(21.5)
                .jsonPath("$.items[0].measurepoints.ratio")
                .isEqualTo(3.0)
                .jsonPath("$.items[0].measurepoints.running")
                .isEqualTo(true)
                .jsonPath("$.items[0].measurepoints.mode")
                .isEqualTo("grid");
    }

    @Test
    void invalidRequestsGetTheirProtocolCodeAndNothingIsStored() throws Exception {
        try (EnosDevice inverter = connect(device)) {
            String post = inverter.topic("thing/measurepoint/post");

            assertThat(inverter.request(post, "{\"id\":\"1\",", Duration.ofSeconds(10)))
                    .contains("\"code\":1220");
            assertThat(inverter.request(post, "[1,2]", Duration.ofSeconds(10))).contains("\"code\":1220");
            assertThat(inverter.request(post, "", Duration.ofSeconds(10))).contains("\"code\":1251");
            assertThat(inverter.request(
                            post, request("2", "thing.event.alarm.post", "{\"temp\":1}"), Duration.ofSeconds(10)))
                    .contains("\"id\":\"2\"", "\"code\":1260");
            assertThat(inverter.request(
                            post, request("3", "thing.measurepoint.post", "{\"humidity\":1}"), Duration.ofSeconds(10)))
                    .contains("\"id\":\"3\"", "\"code\":1204", "humidity");
            assertThat(inverter.request(
                            post,
                            request("4", "thing.measurepoint.post", "{\"temp\":\"hot\"}"),
                            Duration.ofSeconds(10)))
                    .contains("\"code\":1204", "temp");
            assertThat(inverter.request(
                            post, request("5", "thing.measurepoint.post", "{\"power\":1.5}"), Duration.ofSeconds(10)))
                    .contains("\"code\":1204", "power");
            // one bad point spoils the message: the good one beside it is not stored either
            assertThat(inverter.request(
                            post,
                            request("6", "thing.measurepoint.post", "{\"temp\":20.0,\"running\":\"yes\"}"),
                            Duration.ofSeconds(10)))
                    .contains("\"code\":1204", "running");
        }

        api.get(rawQuery(device, "power", "temp", "ratio", "running", "mode"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
    }

    @Test
    void pointsOlderThanTheTenantsRetentionAreRefusedWithAClearCode() throws Exception {
        // given a tenant that keeps raw data for a day
        String tenant = PlatformTestEnvironment.newTenant();
        PlatformTestEnvironment.influxQuery(
                "ALTER RETENTION POLICY \"autogen\" ON \"helio_" + tenant + "\" DURATION 1d SHARD DURATION 1h");
        Api shortLived = Api.forTenant(web, tenant);
        Api.ProvisionedDevice meter = shortLived.provisionDevice("inverter", POINTS, "inv-02");

        try (EnosDevice inverter = connect(meter)) {
            // when its device posts a point from 2023, then it is told why nothing was stored
            assertThat(inverter.postMeasurePoints("{\"temp\":20.0}", T0)).contains("\"code\":1204", "retention");
            // and a current point is stored as usual
            assertThat(inverter.postMeasurePoints("{\"temp\":21.0}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
    }

    @Test
    void aWrongSignatureIsRefusedAtConnect() {
        String timestamp = Long.toString(System.currentTimeMillis());
        String forged = EnosDevice.sign(
                "not-the-secret", device.deviceKey(), device.deviceKey(), device.productKey(), timestamp);

        assertThatThrownBy(() -> EnosDevice.connectWith(
                        brokerUrl(), device.productKey(), device.deviceKey(), device.deviceKey(), timestamp, forged))
                .isInstanceOf(MqttSecurityException.class);
        assertThatThrownBy(
                        () -> EnosDevice.connect(brokerUrl(), device.productKey(), "no-such-device", device.secret()))
                .isInstanceOf(MqttSecurityException.class);
    }

    @Test
    void aDeviceCannotPublishOrSubscribeOnAnotherDevicesTopics() throws Exception {
        // given a victim device listening on its own command topic, and an attacker device of the same product
        String attackerSecret =
                api.createDevice(device.productKey(), "{\"deviceKey\":\"attacker\",\"name\":\"attacker\"}");
        List<String> victimReceived = new CopyOnWriteArrayList<>();
        try (EnosDevice victim = connect(device)) {
            victim.subscribe(
                    victim.topic("thing/service/measurepoint/set"), (topic, message) -> victimReceived.add(topic));

            // when the attacker subscribes to the victim's topics, it is refused
            try (EnosDevice attacker = connectAttacker(attackerSecret)) {
                assertThat(attacker.subscribe(victim.topic("#"), (topic, message) -> {}))
                        .isEqualTo(128);
                assertThat(attacker.subscribe("/sys/+/+/thing/measurepoint/post_reply", (topic, message) -> {}))
                        .isEqualTo(128);
            }
            // and when it posts data as the victim, or sends it a command, it is disconnected each time
            for (String victimTopic :
                    List.of(victim.topic("thing/measurepoint/post"), victim.topic("thing/service/measurepoint/set"))) {
                try (EnosDevice attacker = connectAttacker(attackerSecret)) {
                    assertThat(attacker.publishAndAwaitDisconnect(
                                    victimTopic,
                                    request("9", "thing.measurepoint.post", "{\"temp\":99.9}")
                                            .getBytes(),
                                    Duration.ofSeconds(10)))
                            .as("attacker disconnected")
                            .isTrue();
                }
            }
        }
        // then nothing reached the victim and nothing was stored
        assertThat(victimReceived).isEmpty();
        api.get(rawQuery(device, "temp"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
    }

    private EnosDevice connectAttacker(String secret) throws Exception {
        return EnosDevice.connect(brokerUrl(), device.productKey(), "attacker", secret);
    }

    private EnosDevice connect(Api.ProvisionedDevice target) throws Exception {
        return EnosDevice.connect(brokerUrl(), target.productKey(), target.deviceKey(), target.secret());
    }

    @Test
    void aDevicesConnectionsAreKeptAsItsHistory() throws Exception {
        try (EnosDevice inverter = connect(device)) {
            assertThat(inverter.postMeasurePoints("{\"temp\":20.0}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
        String events = "/products/" + device.productKey() + "/devices/inv-01/connection-events";
        String history = Eventually.read(
                () -> new String(api.get(events)
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBodyContent()),
                read -> read.contains("OFFLINE"));
        // newest first: the disconnect, then the connect
        assertThat(history).containsSubsequence("\"OFFLINE\"", "\"ONLINE\"");
        Api.forTenant(web, PlatformTestEnvironment.newTenant())
                .get(events)
                .expectStatus()
                .isNotFound();
    }

    private String brokerUrl() {
        return "tcp://127.0.0.1:" + gateway.port();
    }

    private static String request(String id, String method, String measurepoints) {
        return "{\"id\":\"" + id + "\",\"version\":\"1.0\",\"method\":\"" + method + "\",\"params\":{\"measurepoints\":"
                + measurepoints + ",\"time\":" + T0 + "}}";
    }

    static String rawQuery(Api.ProvisionedDevice target, String... points) {
        StringBuilder uri = new StringBuilder("/timeseries/raw?productKey=" + target.productKey() + "&deviceKey="
                + target.deviceKey() + "&start=2023-11-14T00:00:00Z&end=2023-11-15T00:00:00Z");
        for (String point : points) {
            uri.append("&point=").append(point);
        }
        return uri.toString();
    }
}
