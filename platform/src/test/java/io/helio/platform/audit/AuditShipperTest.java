package io.helio.platform.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helio.sdk.HelioAdminClient;
import io.helio.sdk.admin.model.AuditRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipper against an HTTP stand-in for tenant-admin that fails before it recovers. */
class AuditShipperTest {

    WireMockServer tenantAdmin;

    @BeforeEach
    void start() {
        tenantAdmin =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        tenantAdmin.start();
        String base = tenantAdmin.baseUrl();
        tenantAdmin.stubFor(get("/.well-known/oauth-protected-resource")
                .willReturn(okJson("{\"resource\":\"" + base + "\",\"authorization_servers\":[\"" + base + "\"]}")));
        tenantAdmin.stubFor(get("/.well-known/oauth-authorization-server")
                .willReturn(okJson("{\"issuer\":\"" + base + "\",\"token_endpoint\":\"" + base + "/oauth2/token\"}")));
        tenantAdmin.stubFor(post("/oauth2/token")
                .willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        tenantAdmin.stubFor(post("/audit-events")
                .inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        tenantAdmin.stubFor(post("/audit-events")
                .inScenario("outage")
                .whenScenarioStateIs("recovered")
                .willReturn(noContent()));
    }

    @AfterEach
    void stop() {
        tenantAdmin.stop();
    }

    @Test
    void eventsTenantAdminDidNotTakeAreShippedAgainAndOnlyAFullQueueLosesAny() throws Exception {
        // given a shipper that holds at most three events
        HelioAdminClient admin = HelioAdminClient.connect(tenantAdmin.baseUrl(), "platform", "secret");
        try (AuditShipper shipper = new AuditShipper(() -> admin, new AuditProperties(Duration.ofMillis(100), 3))) {
            // when four events arrive at once, and tenant-admin refuses the first shipment
            for (int i = 1; i <= 4; i++) {
                shipper.offer(event("event-" + i));
            }

            // then the three it held are shipped again, in order, and the fourth was lost
            List<LoggedRequest> shipments = awaitShipments(2);
            assertThat(shipments).hasSize(2);
            assertThat(shipments.get(1).getBodyAsString())
                    .containsSubsequence("event-1", "event-2", "event-3")
                    .doesNotContain("event-4");
        }
    }

    private List<LoggedRequest> awaitShipments(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<LoggedRequest> shipments = List.of();
        while (System.nanoTime() < deadline && shipments.size() < count) {
            Thread.sleep(100);
            shipments = tenantAdmin.findAll(postRequestedFor(urlEqualTo("/audit-events")));
        }
        return shipments;
    }

    private static AuditRecord event(String actor) {
        return new AuditRecord()
                .tenantId("t000000000000001")
                .actor(actor)
                .action("POST /thing-models")
                .target("/thing-models")
                .status(201)
                .at(OffsetDateTime.parse("2026-01-01T00:00:00Z"));
    }
}
