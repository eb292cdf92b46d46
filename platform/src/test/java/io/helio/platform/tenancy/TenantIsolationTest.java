package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Written from tenant B's side: everything of tenant A must look exactly as if it did not exist. */
@PlatformTest
class TenantIsolationTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    Api tenantA;
    Api tenantB;
    Api.ProvisionedDevice deviceOfA;

    @BeforeEach
    void twoTenants() throws Exception {
        tenantA = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        tenantB = Api.forTenant(web, PlatformTestEnvironment.newTenant());
        deviceOfA = tenantA.provisionDevice("meter", Map.of("energy", "DOUBLE"), "meter-a");
        try (EnosDevice meter = EnosDevice.connect(
                "tcp://127.0.0.1:" + gateway.port(),
                deviceOfA.productKey(),
                deviceOfA.deviceKey(),
                deviceOfA.secret())) {
            assertThat(meter.postMeasurePoints("{\"energy\":42.0}", 1_700_000_000_000L))
                    .contains("\"code\":200");
        }
    }

    @Test
    void anotherTenantsModelProductAndDeviceAreNotFound() {
        tenantB.get("/thing-models/meter")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MODEL_NOT_FOUND");
        tenantB.get("/products/" + deviceOfA.productKey())
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PRODUCT_NOT_FOUND");
        tenantB.get("/products/" + deviceOfA.productKey() + "/devices/meter-a")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("DEVICE_NOT_FOUND");
    }

    @Test
    void anotherTenantsDataCannotBeQueried() {
        String query = "/timeseries/raw?productKey=" + deviceOfA.productKey()
                + "&deviceKey=meter-a&point=energy&start=2023-11-14T00:00:00Z&end=2023-11-15T00:00:00Z";

        tenantA.get(query)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].measurepoints.energy")
                .isEqualTo(42.0);
        String answer = tenantB.get(query)
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).doesNotContain("42").doesNotContain("energy\":");
    }

    @Test
    void anotherTenantCannotAddDevicesOrProductsToWhatIsNotItsOwn() {
        tenantB.post("/products/" + deviceOfA.productKey() + "/devices", Map.of("deviceKey", "intruder", "name", "x"))
                .expectStatus()
                .isNotFound();
        tenantB.post("/products", Map.of("name", "x", "modelId", "meter"))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("MODEL_NOT_FOUND");
        tenantA.get("/products/" + deviceOfA.productKey() + "/devices/intruder")
                .expectStatus()
                .isNotFound();
    }
}
