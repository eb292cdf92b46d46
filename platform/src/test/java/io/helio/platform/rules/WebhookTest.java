package io.helio.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helio.infra.EnosDevice;
import io.helio.platform.connect.MoquetteDeviceGateway;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.tenancy.TenantId;
import io.helio.platform.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts reach a tenant's webhook signed, and a webhook that fails is tried again with back-off
 * until it answers or the attempts run out (here: 3 attempts, 100 ms apart and doubling, 500 ms to
 * answer). WireMock plays the tenant's HTTP service.
 */
@PlatformTest
class WebhookTest {

    private static final String SECRET = "the-tenants-webhook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient web;

    @Autowired
    MoquetteDeviceGateway gateway;

    @Autowired
    DatabaseClient db;

    @Autowired
    TenantScope scope;

    WireMockServer receiver;

    @BeforeEach
    void receiver() {
        receiver =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(WireMock.post("/ok").willReturn(WireMock.ok()));
        receiver.stubFor(WireMock.post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.serverError())
                .willSetStateTo("recovered"));
        receiver.stubFor(WireMock.post("/flaky")
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(WireMock.ok()));
        receiver.stubFor(WireMock.post("/slow")
                .inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.ok().withFixedDelay(2_000))
                .willSetStateTo("quick"));
        receiver.stubFor(WireMock.post("/slow")
                .inScenario("slow")
                .whenScenarioStateIs("quick")
                .willReturn(WireMock.ok()));
        receiver.stubFor(WireMock.post("/broken").willReturn(WireMock.serverError()));
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    @Test
    void alertsAreDeliveredSignedRetriedWithBackOffAndDeadLetteredWhenTheWebhookNeverAnswers() throws Exception {
        String tenant = PlatformTestEnvironment.newTenant();
        Api api = Api.forTenant(web, tenant);
        Api.ProvisionedDevice device = api.provisionDevice("boiler", Map.of("temp", "DOUBLE"), "b-1");
        for (String path : List.of("ok", "flaky", "slow", "broken")) {
            api.postJson("/rules", """
                            {"ruleId":"%s","name":"hot","productKey":"%s","expression":"temp > 80",
                             "severity":"CRITICAL","message":"{{temp}} °C",
                             "webhook":{"url":"%s/%s","secret":"%s"}}""".formatted(path, device.productKey(), receiver.baseUrl(), path, SECRET))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.webhook.secret")
                    .doesNotExist();
        }

        try (EnosDevice boiler =
                EnosDevice.connect("tcp://127.0.0.1:" + gateway.port(), device.productKey(), "b-1", device.secret())) {
            assertThat(boiler.postMeasurePoints("{\"temp\":95.0}", System.currentTimeMillis()))
                    .contains("\"code\":200");
        }

        JsonNode ok = settled(api, "ok");
        assertThat(ok.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(ok.get("attempts").asInt()).isEqualTo(1);
        JsonNode flaky = settled(api, "flaky");
        assertThat(flaky.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(flaky.get("attempts").asInt()).isEqualTo(2);
        JsonNode slow = settled(api, "slow");
        assertThat(slow.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(slow.get("attempts").asInt()).isEqualTo(2);
        JsonNode broken = settled(api, "broken");
        assertThat(broken.get("status").asString()).isEqualTo("DEAD");
        assertThat(broken.get("attempts").asInt()).isEqualTo(3);
        assertThat(broken.get("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(broken.get("lastError").asString()).contains("500");

        // what arrived is the alert, signed with the secret over exactly the body received
        List<LoggedRequest> received = receiver.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/ok")));
        assertThat(received).hasSize(1);
        String body = received.get(0).getBodyAsString();
        assertThat(received.get(0).getHeader("X-Helio-Signature")).isEqualTo("sha256=" + hmac(body));
        JsonNode delivered = JSON.readTree(body);
        assertThat(delivered.get("event").asString()).isEqualTo("alert.opened");
        assertThat(delivered.get("alert").get("ruleId").asString()).isEqualTo("ok");
        assertThat(delivered.get("alert").get("message").asString()).isEqualTo("95.0 °C");
        assertThat(receiver.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/broken"))))
                .hasSize(3);

        // the secret is stored sealed, in the rules and in their deliveries
        List<String> stored = scope.flux(
                        TenantId.of(tenant),
                        () -> db.sql(
                                        "SELECT webhook_secret AS secret FROM rules UNION ALL SELECT secret FROM webhook_deliveries")
                                .map(row -> row.get("secret", String.class))
                                .all())
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(stored)
                .hasSize(4 + 4)
                .allSatisfy(secret -> assertThat(secret).startsWith("v1:").doesNotContain(SECRET));
    }

    /** The alert's only delivery once it is no longer pending. */
    private static JsonNode settled(Api api, String ruleId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode alerts = api.getJson("/alerts?ruleId=" + ruleId).get("items");
            if (!alerts.isEmpty()) {
                JsonNode deliveries = api.getJson(
                                "/alerts/" + alerts.get(0).get("alertId").asString() + "/deliveries")
                        .get("items");
                if (deliveries.size() == 1
                                && !deliveries.get(0).get("status").asString().equals("PENDING")
                        || System.nanoTime() > deadline) {
                    return deliveries.get(0);
                }
            }
            assertThat(System.nanoTime()).as("no settled delivery of " + ruleId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
