package io.helio.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform reports each tenant's devices and rates to tenant-admin (WireMock here), tenant by tenant. */
@PlatformTest
class UsageReportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Test
    void devicesMessagesPointsAndApiRequestsAreReportedPerTenant() throws Exception {
        // given a tenant with a connected device, and another tenant that only reads models
        String tenant = PlatformTestEnvironment.newTenant();
        String bystander = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("meter", Map.of("a", "DOUBLE", "b", "DOUBLE"), "m-1");
        Api.forTenant(web, bystander).get("/thing-models").expectStatus().isOk();

        int busy;
        try (EnosDevice meter = EnosDevice.connect(
                "tcp://127.0.0.1:" + gateway.port(), device.productKey(), device.deviceKey(), device.secret())) {
            // when the device posts messages of two points each
            for (int i = 0; i < 5; i++) {
                assertThat(meter.postMeasurePoints("{\"a\":1.0,\"b\":2.0}", System.currentTimeMillis()))
                        .contains("\"code\":200");
            }

            // then a report of the tenant counts its device online
            busy = awaitReport(
                    tenant, -1, report -> report.get("messagesPerSecond").asDouble() > 0);
            JsonNode report = reportsOf(tenant).get(busy);
            assertThat(report.get("devices").asInt()).isEqualTo(1);
            assertThat(report.get("onlineDevices").asInt()).isEqualTo(1);
        }
        // and once the device is gone and the tenant silent, a later report says so
        int quiet = awaitReport(
                tenant,
                busy,
                report -> report.get("onlineDevices").asInt() == 0
                        && report.get("messagesPerSecond").asDouble() == 0
                        && report.get("pointsPerSecond").asDouble() == 0
                        && report.get("apiRequestsPerSecond").asDouble() == 0);
        assertThat(reportsOf(tenant).get(quiet).get("devices").asInt()).isEqualTo(1);
        // and, over its reports, twice as many points as messages (a message is counted when it is
        // taken, its points when they are stored: the two may fall into neighbouring periods)
        double messages = reportsOf(tenant).stream()
                .mapToDouble(report -> report.get("messagesPerSecond").asDouble())
                .sum();
        double points = reportsOf(tenant).stream()
                .mapToDouble(report -> report.get("pointsPerSecond").asDouble())
                .sum();
        assertThat(points / messages).isBetween(1.8, 2.2);
        // and its API requests were counted, in its own reports only
        assertThat(reportsOf(tenant))
                .anyMatch(report -> report.get("apiRequestsPerSecond").asDouble() > 0);
        assertThat(reportsOf(bystander))
                .isNotEmpty()
                .allMatch(report -> report.get("devices").asInt() == 0
                        && report.get("messagesPerSecond").asDouble() == 0);
    }

    /** The index of the first report of the tenant after {@code after} that is as wanted. */
    private static int awaitReport(String tenant, int after, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> reports = reportsOf(tenant);
            for (int i = after + 1; i < reports.size(); i++) {
                if (wanted.test(reports.get(i))) {
                    return i;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no such usage report of " + tenant + " after #" + after + " among " + reportsOf(tenant));
    }

    private static List<JsonNode> reportsOf(String tenant) {
        List<JsonNode> reports = new ArrayList<>();
        for (String batch : PlatformTestEnvironment.usageReports()) {
            JSON.readTree(batch).get("items").forEach(report -> {
                if (report.get("tenantId").asString().equals(tenant)) {
                    reports.add(report);
                }
            });
        }
        return reports;
    }
}
