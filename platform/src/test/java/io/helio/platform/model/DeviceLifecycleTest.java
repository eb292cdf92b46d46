package io.helio.platform.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Status, enable, disable, delete and secret rotation, seen from a real device over MQTT. */
@PlatformTest
class DeviceLifecycleTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Autowired
    R2dbcDeviceRepository devices;

    Api api;
    Api.ProvisionedDevice device;

    @BeforeEach
    void provision() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        device = api.provisionDevice("lamp", Map.of("on", "BOOL"), "lamp-1");
    }

    @Test
    void aConnectionRecordThatArrivesLateChangesTheHistoryButNotTheStatus() {
        ProductKey product = ProductKey.of(device.productKey());
        DeviceKey lamp = DeviceKey.of("lamp-1");
        Instant connected = Instant.now();
        // a quick reconnect's records, the disconnect's first
        devices.recordConnection(product, lamp, false, connected.plusMillis(5)).block(Duration.ofSeconds(10));
        devices.recordConnection(product, lamp, true, connected).block(Duration.ofSeconds(10));

        assertThat(status()).isEqualTo("OFFLINE");
        assertThat(api.getJson(path() + "/connection-events").get("items").findValuesAsString("status"))
                .containsExactly("OFFLINE", "ONLINE");
    }

    @Test
    void statusAndLastSeenFollowTheConnection() throws Exception {
        assertThat(status()).isEqualTo("INACTIVE");

        try (EnosDevice lamp = connect(device.secret())) {
            Eventually.holds(() -> status().equals("ONLINE"));
            assertThat(current().get("lastSeen")).isNotNull();
        }
        Eventually.holds(() -> status().equals("OFFLINE"));
    }

    @Test
    void aDisabledDeviceIsToldDisconnectedAndRefusedUntilEnabled() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (EnosDevice lamp = connect(device.secret())) {
            lamp.subscribe(
                    lamp.topic("thing/disable"), (topic, message) -> notices.add(new String(message.getPayload())));
            Eventually.holds(() -> status().equals("ONLINE"));

            api.post(path() + "/disable", Map.of())
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("DISABLED");

            assertThat(notices.poll(10, TimeUnit.SECONDS)).contains("\"method\":\"thing.disable\"");
            Eventually.holds(() -> !lamp.mqtt().isConnected());
        }
        assertThatThrownBy(() -> connect(device.secret())).isInstanceOf(MqttSecurityException.class);
        assertThat(status()).isEqualTo("DISABLED");

        api.post(path() + "/enable", Map.of())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("OFFLINE");
        try (EnosDevice lamp = connect(device.secret())) {
            assertThat(lamp.postMeasurePoints("{\"on\":true}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
    }

    @Test
    void aDeletedDeviceIsToldDisconnectedAndGone() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (EnosDevice lamp = connect(device.secret())) {
            lamp.subscribe(
                    lamp.topic("thing/delete"), (topic, message) -> notices.add(new String(message.getPayload())));

            api.delete(path()).expectStatus().isNoContent();

            assertThat(notices.poll(10, TimeUnit.SECONDS)).contains("\"method\":\"thing.delete\"");
            Eventually.holds(() -> !lamp.mqtt().isConnected());
        }
        api.get(path()).expectStatus().isNotFound();
        assertThatThrownBy(() -> connect(device.secret())).isInstanceOf(MqttSecurityException.class);
    }

    @Test
    void aRotatedSecretEndsTheOldSessionsAndReplacesTheOldSecret() throws Exception {
        String newSecret;
        try (EnosDevice lamp = connect(device.secret())) {
            newSecret = api.post(path() + "/secret", Map.of())
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("deviceSecret")
                    .toString();
            Eventually.holds(() -> !lamp.mqtt().isConnected());
        }

        assertThat(newSecret).isNotEqualTo(device.secret()).hasSize(32);
        assertThatThrownBy(() -> connect(device.secret())).isInstanceOf(MqttSecurityException.class);
        try (EnosDevice lamp = connect(newSecret)) {
            assertThat(lamp.mqtt().isConnected()).isTrue();
        }
    }

    @Test
    void lifecycleOperationsOfAnotherTenantsDeviceAreNotFound() {
        Api other = Api.forTenant(web, PlatformTestEnvironment.newTenant());

        for (String action : List.of("/disable", "/enable", "/secret")) {
            other.post(path() + action, Map.of()).expectStatus().isNotFound();
        }
        other.delete(path()).expectStatus().isNotFound();
        assertThat(status()).isEqualTo("INACTIVE");
    }

    private EnosDevice connect(String secret) throws Exception {
        return EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), device.productKey(), device.deviceKey(), secret);
    }

    private String path() {
        return "/products/" + device.productKey() + "/devices/" + device.deviceKey();
    }

    private Map<?, ?> current() {
        return api.get(path())
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private String status() {
        return current().get("status").toString();
    }
}
