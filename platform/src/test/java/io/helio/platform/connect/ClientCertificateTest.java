package io.helio.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.infra.TestKeyStore;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Devices of a product that requires a client certificate connect only over TLS, presenting one
 * registered for them — besides signing as every device does; and certificates are registered,
 * listed and revoked through the API within the tenant's walls.
 */
@PlatformTest
class ClientCertificateTest {

    private static final TestKeyStore.ClientKey METER_KEY = TestKeyStore.clientKey("meter-1");
    private static final TestKeyStore.ClientKey OTHER_KEY = TestKeyStore.clientKey("someone-else");

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    Api api;
    String productKey;
    String secret;

    @BeforeEach
    void certificateProduct() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        api.postJson(
                        "/thing-models",
                        "{\"modelId\":\"meter\",\"name\":\"meter\",\"elements\":{\"measurePoints\":"
                                + "[{\"identifier\":\"kwh\",\"type\":{\"dataType\":\"DOUBLE\"}}]}}")
                .expectStatus()
                .isCreated();
        productKey = api.createProduct("{\"name\":\"Metered\",\"modelId\":\"meter\",\"certificateRequired\":true}");
        secret = api.createDevice(productKey, "{\"deviceKey\":\"meter-1\",\"name\":\"Meter 1\"}");
    }

    @Test
    void aDeviceConnectsOnlyOverTlsWithItsRegisteredCertificate() throws Exception {
        api.get("/products/" + productKey)
                .expectBody()
                .jsonPath("$.certificateRequired")
                .isEqualTo(true);
        // no certificate registered yet: its own key is not enough
        assertThatThrownBy(() -> connectTls(METER_KEY)).isInstanceOf(MqttException.class);

        JsonNode registered = register(METER_KEY.certificatePem());
        assertThat(registered.get("fingerprint").asString()).isEqualTo(fingerprint(METER_KEY.certificatePem()));
        assertThat(registered.get("subject").asString()).isEqualTo("CN=meter-1");

        try (EnosDevice meter = connectTls(METER_KEY)) {
            assertThat(meter.postMeasurePoints("{\"kwh\":7.5}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
        // the right secret, but another key, no key, or no TLS at all
        assertThatThrownBy(() -> connectTls(OTHER_KEY)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> EnosDevice.connect(tlsUrl(), productKey, "meter-1", secret, TestKeyStore.trusting()))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), productKey, "meter-1", secret))
                .isInstanceOf(MqttException.class);
        // the right key, but a wrong signature
        assertThatThrownBy(() ->
                        EnosDevice.connect(tlsUrl(), productKey, "meter-1", "not-the-secret", METER_KEY.sockets()))
                .isInstanceOf(MqttException.class);
    }

    @Test
    void aRevokedCertificateEndsTheSessionAndNoLongerAdmits() throws Exception {
        String fingerprint =
                register(METER_KEY.certificatePem()).get("fingerprint").asString();
        register(OTHER_KEY.certificatePem());
        assertThat(api.getJson(certificates()).get("items"))
                .extracting(item -> item.get("subject").asString())
                .containsExactly("CN=meter-1", "CN=someone-else");

        try (EnosDevice meter = connectTls(METER_KEY)) {
            api.delete(certificates() + "/" + fingerprint).expectStatus().isNoContent();
            Eventually.holds(() -> !meter.mqtt().isConnected());
        }
        assertThatThrownBy(() -> connectTls(METER_KEY)).isInstanceOf(MqttException.class);
        try (EnosDevice meter = connectTls(OTHER_KEY)) {
            assertThat(meter.mqtt().isConnected()).isTrue();
        }
        api.delete(certificates() + "/" + fingerprint)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CERTIFICATE_NOT_FOUND");
    }

    @Test
    void whatIsNotOneValidCertificateIsRefusedSayingWhy() {
        TestKeyStore.ClientKey expired = TestKeyStore.clientKey("meter-1", "-3d", 1);
        expectInvalid(expired.certificatePem(), "expired");
        expectInvalid("MIIB...", "PEM");
        expectInvalid("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----", "cannot be read");
        expectInvalid(METER_KEY.certificatePem() + "\n" + OTHER_KEY.certificatePem(), "exactly one");

        register(METER_KEY.certificatePem());
        api.post(certificates(), Map.of("certificate", METER_KEY.certificatePem()))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CERTIFICATE_ALREADY_REGISTERED");
        api.post(
                        "/products/" + productKey + "/devices/nobody/certificates",
                        Map.of("certificate", OTHER_KEY.certificatePem()))
                .expectStatus()
                .isNotFound();
    }

    @Test
    void anotherTenantCanNeitherSeeNorChangeADevicesCertificates() throws Exception {
        String fingerprint =
                register(METER_KEY.certificatePem()).get("fingerprint").asString();
        Api attacker = Api.forTenant(web, PlatformTestEnvironment.newTenant());

        attacker.get(certificates()).expectStatus().isNotFound();
        attacker.post(certificates(), Map.of("certificate", OTHER_KEY.certificatePem()))
                .expectStatus()
                .isNotFound();
        attacker.delete(certificates() + "/" + fingerprint).expectStatus().isNotFound();

        assertThat(api.getJson(certificates()).get("items")).hasSize(1);
        assertThatThrownBy(() -> connectTls(OTHER_KEY)).isInstanceOf(MqttException.class);
        try (EnosDevice meter = connectTls(METER_KEY)) {
            assertThat(meter.mqtt().isConnected()).isTrue();
        }
    }

    @Test
    void theHttpDoorRefusesADeviceThatMustPresentACertificate() {
        String timestamp = Long.toString(System.currentTimeMillis());
        web.post()
                .uri("/device-sessions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "productKey",
                        productKey,
                        "deviceKey",
                        "meter-1",
                        "clientId",
                        "meter-1-http",
                        "timestamp",
                        timestamp,
                        "signMethod",
                        "sha256",
                        "sign",
                        EnosDevice.sign(secret, "meter-1-http", "meter-1", productKey, timestamp)))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("requires a client certificate"));
    }

    @Test
    void aDeviceWhoseProductDoesNotRequireOneMayStillPresentACertificate() throws Exception {
        Api.ProvisionedDevice plain = api.provisionDevice("lamp", Map.of("on", "BOOL"), "lamp-1");
        try (EnosDevice lamp = EnosDevice.connect(
                tlsUrl(), plain.productKey(), plain.deviceKey(), plain.secret(), OTHER_KEY.sockets())) {
            assertThat(lamp.postMeasurePoints("{\"on\":true}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
    }

    private EnosDevice connectTls(TestKeyStore.ClientKey key) throws Exception {
        return EnosDevice.connect(tlsUrl(), productKey, "meter-1", secret, key.sockets());
    }

    private String tlsUrl() {
        return "ssl://127.0.0.1:" + gateway.tlsPort();
    }

    private String certificates() {
        return "/products/" + productKey + "/devices/meter-1/certificates";
    }

    private JsonNode register(String pem) {
        return JsonMapper.shared()
                .readTree(api.post(certificates(), Map.of("certificate", pem))
                        .expectStatus()
                        .isCreated()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody());
    }

    private void expectInvalid(String pem, String detailPart) {
        api.post(certificates(), Map.of("certificate", pem))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("CERTIFICATE_INVALID")
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains(detailPart));
    }

    private static String fingerprint(String pem) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
