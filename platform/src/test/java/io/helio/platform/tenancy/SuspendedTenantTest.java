package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.Eventually;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A suspended tenant, as tenant-admin (WireMock here) reports it: refused at every door, until resumed. */
@PlatformTest
class SuspendedTenantTest {

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Autowired
    TenantScope scope;

    @Autowired
    DatabaseClient db;

    @Test
    void aSuspendedTenantsTokensDevicesAndSessionsAreRefusedUntilItIsResumed() throws Exception {
        // given a tenant with a connected device
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m-1");
        try (EnosDevice meter = connect(device)) {
            // when the operator suspends the tenant
            PlatformTestEnvironment.setSuspended(tenant, true);

            // then its tokens are refused with a clear code, and its connected device is disconnected
            awaitStatus(api, 403);
            api.get("/thing-models/meter")
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("TENANT_SUSPENDED");
            Eventually.holds(() -> !meter.mqtt().isConnected());
        }
        // and its devices are refused at CONNECT
        assertThatThrownBy(() -> connect(device)).isInstanceOf(MqttSecurityException.class);

        // when it is resumed, then all of it works again
        PlatformTestEnvironment.setSuspended(tenant, false);
        awaitStatus(api, 200);
        try (EnosDevice meter = connect(device)) {
            assertThat(meter.postMeasurePoints("{\"kwh\":1.0}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }
    }

    @Test
    void aDeletedTenantIsRefusedAndItsDataHereIsRemoved() throws Exception {
        // given a tenant with a model, a product and a device
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("kwh", "DOUBLE"), "m-1");

        // when tenant-admin no longer knows it
        PlatformTestEnvironment.setDeleted(tenant);

        // then its tokens are refused, its device too, and nothing of it remains
        awaitStatus(api, 403);
        api.get("/thing-models/meter")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TENANT_DELETED");
        assertThatThrownBy(() -> connect(device)).isInstanceOf(MqttSecurityException.class);
        for (String table : java.util.List.of("thing_models", "products", "devices")) {
            Long rows = scope.mono(
                            TenantId.of(tenant),
                            () -> db.sql("SELECT count(*) AS n FROM " + table)
                                    .map(row -> row.get("n", Long.class))
                                    .one())
                    .block(Duration.ofSeconds(5));
            assertThat(rows).as(table).isZero();
        }
    }

    private EnosDevice connect(Api.ProvisionedDevice device) throws Exception {
        return EnosDevice.connect(
                "tcp://127.0.0.1:" + gateway.port(), device.productKey(), device.deviceKey(), device.secret());
    }

    /** The status cache lives 200 ms in these tests. */
    private static void awaitStatus(Api api, int status) throws InterruptedException {
        Eventually.holds(() -> api.get("/thing-models/meter")
                        .returnResult(String.class)
                        .getStatus()
                        .value()
                == status);
    }
}
