package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Devices without an MQTT session: they log in with their CONNECT signature and post over HTTP, checked alike. */
@PlatformTest
class DeviceHttpDoorTest {

    private static final long T0 = System.currentTimeMillis() - 60_000;

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    TenantScope scope;

    String tenant;
    Api.ProvisionedDevice device;
    Api.ProvisionedDevice neighbour;

    @BeforeEach
    void devices() {
        tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        device = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m-1");
        String secret = api.createDevice(device.productKey(), "{\"deviceKey\":\"m-2\",\"name\":\"m\"}");
        neighbour = new Api.ProvisionedDevice(device.productKey(), "m-2", secret);
    }

    @Test
    void aSignedDevicePostsOverHttpAndGetsTheRepliesMqttWouldGive() {
        String session = login(device, device.secret());
        String topic = "/sys/" + device.productKey() + "/m-1/thing/measurepoint/post";

        message(session, topic, post("{\"kwh\":12.5}"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(200)
                .jsonPath("$.id")
                .isEqualTo("7");
        message(session, topic, post("{\"volts\":230}"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(1204);

        String stored = "[" + T0 + ",12.5]";
        assertThat(PlatformTestEnvironment.awaitInfluxAnswer(
                        "SELECT kwh FROM \"helio_" + tenant + "\"..\"" + device.productKey()
                                + "\" WHERE device = 'm-1'",
                        answer -> answer.contains(stored)))
                .contains(stored);

        // once the device is disabled its session ends, as its MQTT session would
        Api.forTenant(web, tenant)
                .postJson("/products/" + device.productKey() + "/devices/m-1/disable", "{}")
                .expectStatus()
                .is2xxSuccessful();
        message(session, topic, post("{\"kwh\":13.5}"))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_SESSION_UNKNOWN");
    }

    @Test
    void aWrongSignatureAnUnknownSessionAnotherDevicesTopicAndASuspendedTenantAreRefused() throws Exception {
        loginWith(device, "not-the-secret")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_LOGIN_FAILED");
        message("no-such-session", "/sys/" + device.productKey() + "/m-1/thing/measurepoint/post", post("{\"kwh\":1}"))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_SESSION_UNKNOWN");
        message(
                        login(device, device.secret()),
                        "/sys/" + device.productKey() + "/m-2/thing/measurepoint/post",
                        post("{\"kwh\":1}"))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_THE_DEVICES_TOPIC");

        PlatformTestEnvironment.setSuspended(tenant, true);
        try {
            Thread.sleep(500); // the platform's tenant status cache lives 200 ms in tests
            loginWith(neighbour, neighbour.secret())
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(detail -> assertThat(detail.toString()).contains("suspended"));
        } finally {
            PlatformTestEnvironment.setSuspended(tenant, false);
        }
    }

    @Test
    void sessionsAreSharedByEveryNodeThroughPostgresAndStoredOnlyAsHashes() {
        // a second platform node: the same database, nothing remembered
        DeviceHttpSessions otherNode = new DeviceHttpSessions(db, scope, Clock.systemUTC(), Duration.ofMinutes(30));
        String topic = "/sys/" + device.productKey() + "/m-1/thing/measurepoint/post";

        // a device that logged in here is known there
        String here = login(device, device.secret());
        assertThat(otherNode.find(here).block()).isEqualTo(addressOf(device));
        // and a session opened there is honoured here
        String there = otherNode.open(TenantId.of(tenant), addressOf(device)).block();
        message(there, topic, post("{\"kwh\":1.5}"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(200);

        Long plain = scope.acrossTenants(
                        () -> db.sql("SELECT count(*) AS n FROM device_http_sessions WHERE session_hash = :id")
                                .bind("id", here.getBytes(StandardCharsets.UTF_8))
                                .map(row -> row.get("n", Long.class))
                                .one())
                .block();
        assertThat(plain).isZero();
        assertThat(otherNode.find(here + "x").blockOptional()).isEmpty();
    }

    private static DeviceAddress addressOf(Api.ProvisionedDevice who) {
        return new DeviceAddress(ProductKey.of(who.productKey()), DeviceKey.of(who.deviceKey()));
    }

    private String login(Api.ProvisionedDevice who, String secret) {
        return loginWith(who, secret)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("sessionId")
                .toString();
    }

    private WebTestClient.ResponseSpec loginWith(Api.ProvisionedDevice who, String secret) {
        String timestamp = Long.toString(System.currentTimeMillis());
        String clientId = who.deviceKey() + "-http";
        return web.post()
                .uri("/device-sessions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "productKey",
                        who.productKey(),
                        "deviceKey",
                        who.deviceKey(),
                        "clientId",
                        clientId,
                        "timestamp",
                        timestamp,
                        "signMethod",
                        "sha256",
                        "sign",
                        EnosDevice.sign(secret, clientId, who.deviceKey(), who.productKey(), timestamp)))
                .exchange();
    }

    private WebTestClient.ResponseSpec message(String session, String topic, String body) {
        return web.post()
                .uri(uri ->
                        uri.path("/device-messages").queryParam("topic", topic).build())
                .header("X-Device-Session", session)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static String post(String measurepoints) {
        return "{\"id\":\"7\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":"
                + measurepoints + ",\"time\":" + T0 + "}}";
    }
}
