package io.helio.platform.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class ProductAndDeviceApiTest {

    @Autowired
    WebTestClient web;

    Api api;

    @BeforeEach
    void tenant() {
        api = Api.forTenant(web, PlatformTestEnvironment.newTenant());
    }

    @Test
    void aProductAndDeviceAreCreatedAndReadBackWithoutTheSecret() {
        Api.ProvisionedDevice device = api.provisionDevice("pump", Map.of("flow", "FLOAT"), "pump-7");

        api.get("/products/" + device.productKey())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.modelId")
                .isEqualTo("pump");
        api.get("/products/" + device.productKey() + "/devices/pump-7")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("pump-7")
                .jsonPath("$.deviceSecret")
                .doesNotExist();
    }

    @Test
    void aDeviceKeyIsGeneratedWhenNoneIsGiven() {
        Api.ProvisionedDevice device = api.provisionDevice("fan", Map.of("rpm", "INT"), "fan-1");

        api.post("/products/" + device.productKey() + "/devices", Map.of("name", "unnamed"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.device.deviceKey")
                .value(key -> assertThat((String) key).matches("[A-Za-z0-9]{12}"))
                .jsonPath("$.deviceSecret")
                .value(secret -> assertThat((String) secret).hasSize(32));
    }

    @Test
    void aTakenDeviceKeyIsAConflict() {
        Api.ProvisionedDevice device = api.provisionDevice("valve", Map.of("open", "BOOL"), "valve-1");

        api.post("/products/" + device.productKey() + "/devices", Map.of("deviceKey", "valve-1", "name", "again"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_KEY_TAKEN");
    }

    @Test
    void invalidInputAnswersAProblemThatSaysWhatToFix() {
        api.post("/products", Map.of("name", "orphan", "modelId", "missing"))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MODEL_NOT_FOUND");
        api.get("/products/not-a-key!")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("productKey"));
    }
}
