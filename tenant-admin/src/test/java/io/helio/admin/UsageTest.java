package io.helio.admin;

import static io.helio.admin.TenantAdminTestSupport.OPERATOR_ID;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_SECRET;
import static io.helio.admin.TenantAdminTestSupport.PLATFORM_ID;
import static io.helio.admin.TenantAdminTestSupport.PLATFORM_SECRET;
import static io.helio.admin.TenantAdminTestSupport.accessToken;
import static io.helio.admin.TenantAdminTestSupport.createTenant;
import static io.helio.admin.TenantAdminTestSupport.json;
import static io.helio.admin.TenantAdminTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The platform reports what tenants use; the operator and the tenant read it against the quotas. */
class UsageTest extends TenantAdminIntegrationTest {

    @Test
    void theLatestReportIsReadAgainstTheQuotas() throws Exception {
        // given a tenant the platform has not reported yet
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String platform = accessToken(PLATFORM_ID, PLATFORM_SECRET);
        String tenant = createTenant(operator, "busy");
        JsonNode unreported = json(
                send("GET", "/tenants/" + tenant + "/usage", operator, null).body());
        assertThat(unreported.has("measuredAt")).isFalse();
        assertThat(unreported.get("devices").get("used").asDouble()).isZero();
        assertThat(unreported.get("devices").get("quota").asInt()).isEqualTo(10_000);

        // when the platform reports it, with a tenant that no longer exists in the same batch
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(send(
                                "POST",
                                "/usage-reports",
                                platform,
                                reports(report(tenant, now, 3), report("tgone00000000000", now, 7)))
                        .statusCode())
                .isEqualTo(204);
        // and a late, older report arrives after it
        assertThat(send("POST", "/usage-reports", platform, reports(report(tenant, now.minusSeconds(60), 9)))
                        .statusCode())
                .isEqualTo(204);

        // then the newest report counts, against the tenant's quotas
        JsonNode usage = json(
                send("GET", "/tenants/" + tenant + "/usage", operator, null).body());
        assertThat(Instant.parse(usage.get("measuredAt").asString())).isEqualTo(now);
        assertThat(usage.get("devices").get("used").asDouble()).isEqualTo(3.0);
        assertThat(usage.get("onlineDevices").asInt()).isEqualTo(2);
        assertThat(usage.get("messagesPerSecond").get("used").asDouble()).isEqualTo(1.5);
        assertThat(usage.get("messagesPerSecond").get("quota").asInt()).isEqualTo(1_000);
        assertThat(usage.get("pointsPerSecond").get("used").asDouble()).isEqualTo(15.0);
        assertThat(usage.get("apiRequestsPerSecond").get("used").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aMalformedReportIsRefusedWhole() throws Exception {
        String platform = accessToken(PLATFORM_ID, PLATFORM_SECRET);
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String tenant = createTenant(operator, "reported-badly");

        String negative = report(tenant, Instant.now(), -1);
        var answer = send("POST", "/usage-reports", platform, reports(report(tenant, Instant.now(), 1), negative));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("VALIDATION_FAILED", "devices");
        assertThat(json(send("GET", "/tenants/" + tenant + "/usage", operator, null)
                                .body())
                        .has("measuredAt"))
                .isFalse();
    }

    private static String reports(String... reports) {
        return "{\"items\":[" + String.join(",", reports) + "]}";
    }

    private static String report(String tenant, Instant at, int devices) {
        return "{\"tenantId\":\"" + tenant + "\",\"measuredAt\":\"" + at + "\",\"devices\":" + devices
                + ",\"onlineDevices\":2,\"messagesPerSecond\":1.5,\"pointsPerSecond\":15.0,\"apiRequestsPerSecond\":0.5}";
    }
}
