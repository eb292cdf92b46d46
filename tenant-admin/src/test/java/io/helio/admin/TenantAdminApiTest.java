package io.helio.admin;

import static io.helio.admin.TenantAdminTestSupport.OPERATOR_ID;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_SECRET;
import static io.helio.admin.TenantAdminTestSupport.accessToken;
import static io.helio.admin.TenantAdminTestSupport.claims;
import static io.helio.admin.TenantAdminTestSupport.createApplication;
import static io.helio.admin.TenantAdminTestSupport.createTenant;
import static io.helio.admin.TenantAdminTestSupport.influx;
import static io.helio.admin.TenantAdminTestSupport.json;
import static io.helio.admin.TenantAdminTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class TenantAdminApiTest extends TenantAdminIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Test
    void operatorCreatesTenantWithItsDatabaseAndAnApplicationWhoseTokenCarriesTheTenant() throws Exception {
        // given
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);

        // when the operator creates a tenant
        HttpResponse<String> created = send("POST", "/tenants", operator, "{\"name\":\"Acme Wind\"}");

        // then it exists, is active and its InfluxDB database was provisioned
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode tenant = json(created.body());
        String tenantId = tenant.get("tenantId").asString();
        assertThat(tenant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(influxDatabases()).contains("helio_" + tenantId);

        // when the operator creates an application for it
        HttpResponse<String> app = send(
                "POST",
                "/tenants/" + tenantId + "/applications",
                operator,
                "{\"name\":\"dashboard\",\"scopes\":[\"model:read\",\"data:read\"]}");

        // then the secret is returned once and stored only as a hash
        assertThat(app.statusCode()).isEqualTo(201);
        JsonNode credentials = json(app.body());
        String clientId = credentials.get("application").get("clientId").asString();
        String secret = credentials.get("clientSecret").asString();
        String stored = jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
                .param(clientId)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(secret);
        HttpResponse<String> listed = send("GET", "/tenants/" + tenantId + "/applications", operator, null);
        assertThat(listed.body()).contains(clientId).doesNotContain(secret);

        // and the application's token carries the tenant and the granted scopes
        JsonNode claims = claims(accessToken(clientId, secret));
        assertThat(claims.get("tenant").asString()).isEqualTo(tenantId);
        assertThat(claims.get("iss").asString()).isEqualTo(TenantAdminTestSupport.baseUrl());
        assertThat(claims.get("aud").toString()).contains("helio-platform", "helio-admin");
        assertThat(claims.get("scope").toString())
                .contains("model:read", "data:read")
                .doesNotContain("model:write");
    }

    @Test
    void theOperatorSuspendsAndResumesATenantAndThePlatformReadsItsStatus() throws Exception {
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String platform = accessToken(TenantAdminTestSupport.PLATFORM_ID, TenantAdminTestSupport.PLATFORM_SECRET);
        String tenantId = createTenant(operator, "Pausing");
        assertThat(rawRetentionPolicy(tenantId)).contains("\"raw\",\"8760h0m0s\",\"720h0m0s\",1,true");

        HttpResponse<String> suspended = send("POST", "/tenants/" + tenantId + "/suspend", operator, null);
        assertThat(json(suspended.body()).get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(json(send("GET", "/tenants/" + tenantId, platform, null).body())
                        .get("status")
                        .asString())
                .isEqualTo("SUSPENDED");
        HttpResponse<String> resumed = send("POST", "/tenants/" + tenantId + "/resume", operator, null);
        assertThat(json(resumed.body()).get("status").asString()).isEqualTo("ACTIVE");

        // and sets its quotas, which the platform reads with the tenant
        HttpResponse<String> quotas = send(
                "PUT",
                "/tenants/" + tenantId + "/quotas",
                operator,
                "{\"devices\":5,\"connectedDevices\":4,\"messagesPerSecond\":10,\"pointsPerSecond\":100,\"apiRequestsPerSecond\":3,\"rawRetentionDays\":7}");
        assertThat(quotas.statusCode()).isEqualTo(200);
        JsonNode readBack =
                json(send("GET", "/tenants/" + tenantId, platform, null).body()).get("quotas");
        assertThat(readBack.get("apiRequestsPerSecond").asInt()).isEqualTo(3);
        assertThat(readBack.get("connectedDevices").asInt()).isEqualTo(4);
        // and its raw data is kept for the new retention from now on
        assertThat(rawRetentionPolicy(tenantId)).contains("\"raw\",\"168h0m0s\",\"24h0m0s\",1,true");
        assertThat(send("PUT", "/tenants/" + tenantId + "/quotas", operator, "{\"devices\":-1}")
                        .statusCode())
                .isEqualTo(400);

        // the platform's client may read a tenant, nothing more
        assertThat(send("GET", "/tenants", platform, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/tenants/" + tenantId + "/suspend", platform, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/tenants/t000000000000000/suspend", operator, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aDeletedTenantLosesItsDatabaseApplicationsAndRowOnlyWhenConfirmed() throws Exception {
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String tenantId = createTenant(operator, "Leaving");
        JsonNode credentials = createApplication(operator, tenantId, "{\"name\":\"app\",\"scopes\":[\"data:read\"]}");

        HttpResponse<String> unconfirmed =
                send("DELETE", "/tenants/" + tenantId + "?confirm=t000000000000000", operator, null);
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(json(unconfirmed.body()).get("code").asString()).isEqualTo("CONFIRMATION_REQUIRED");
        assertThat(influxDatabases()).contains("helio_" + tenantId);

        assertThat(send("DELETE", "/tenants/" + tenantId + "?confirm=" + tenantId, operator, null)
                        .statusCode())
                .isEqualTo(204);

        assertThat(send("GET", "/tenants/" + tenantId, operator, null).statusCode())
                .isEqualTo(404);
        assertThat(influxDatabases()).doesNotContain("helio_" + tenantId);
        assertThat(TenantAdminTestSupport.requestToken(
                                credentials.get("application").get("clientId").asString(),
                                credentials.get("clientSecret").asString(),
                                "")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anApplicationCannotUseTheOperatorApi() throws Exception {
        // given an application of some tenant
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String tenantId = createTenant(operator, "Other");
        JsonNode credentials = createApplication(operator, tenantId, "{\"name\":\"app\",\"scopes\":[\"model:write\"]}");
        String appToken = accessToken(
                credentials.get("application").get("clientId").asString(),
                credentials.get("clientSecret").asString());

        // when it lists tenants, then it is forbidden, with a problem and no data
        HttpResponse<String> response = send("GET", "/tenants", appToken, null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response.body()).get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(response.body()).doesNotContain(tenantId);
    }

    @Test
    void anApplicationSecretRotatesAndAnApplicationIsRevoked() throws Exception {
        // given an application of a tenant
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String tenantId = createTenant(operator, "Rotating");
        JsonNode credentials = createApplication(operator, tenantId, "{\"name\":\"app\",\"scopes\":[\"data:read\"]}");
        String clientId = credentials.get("application").get("clientId").asString();
        String oldSecret = credentials.get("clientSecret").asString();
        String application = "/tenants/" + tenantId + "/applications/" + clientId;

        // when its secret rotates, then only the new one obtains tokens
        HttpResponse<String> rotated = send("POST", application + "/secret", operator, null);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newSecret = json(rotated.body()).get("clientSecret").asString();
        assertThat(TenantAdminTestSupport.requestToken(clientId, oldSecret, "").statusCode())
                .isEqualTo(401);
        assertThat(claims(accessToken(clientId, newSecret)).get("tenant").asString())
                .isEqualTo(tenantId);

        // when it is revoked under another tenant's path, then it is not found and keeps working
        String otherTenant = createTenant(operator, "Other");
        HttpResponse<String> wrongTenant =
                send("DELETE", "/tenants/" + otherTenant + "/applications/" + clientId, operator, null);
        assertThat(wrongTenant.statusCode()).isEqualTo(404);
        assertThat(json(wrongTenant.body()).get("code").asString()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(TenantAdminTestSupport.requestToken(clientId, newSecret, "").statusCode())
                .isEqualTo(200);

        // when it is revoked, then it obtains no more tokens and is gone from the list
        assertThat(send("DELETE", application, operator, null).statusCode()).isEqualTo(204);
        assertThat(TenantAdminTestSupport.requestToken(clientId, newSecret, "").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/tenants/" + tenantId + "/applications", operator, null)
                        .body())
                .doesNotContain(clientId);
        assertThat(send("POST", application + "/secret", operator, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anExpiredApplicationObtainsNoTokens() throws Exception {
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String tenantId = createTenant(operator, "Expiring");
        String applications = "/tenants/" + tenantId + "/applications";
        Instant expiry = Instant.now().plusSeconds(5);

        HttpResponse<String> past = send(
                "POST",
                applications,
                operator,
                "{\"name\":\"late\",\"scopes\":[\"data:read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        JsonNode soon = json(send(
                        "POST",
                        applications,
                        operator,
                        "{\"name\":\"soon\",\"scopes\":[\"data:read\"],\"expiresAt\":\"" + expiry + "\"}")
                .body());
        String clientId = soon.get("application").get("clientId").asString();
        String secret = soon.get("clientSecret").asString();

        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(json(past.body()).get("code").asString()).isEqualTo("APPLICATION_INVALID");
        assertThat(soon.get("application").get("expiresAt").asString()).isNotBlank();
        assertThat(TenantAdminTestSupport.requestToken(clientId, secret, "").statusCode())
                .isEqualTo(200);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 500);
        assertThat(TenantAdminTestSupport.requestToken(clientId, secret, "").statusCode())
                .isEqualTo(401);
    }

    @Test
    void everyWriteOnATenantIsAuditedWithWhoWhatWhenAndResultRefusalsIncluded() throws Exception {
        // given a tenant created by the operator, with an application
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        Instant before = Instant.now().minusSeconds(1);
        String tenantId = createTenant(operator, "Audited");
        JsonNode credentials = createApplication(operator, tenantId, "{\"name\":\"app\",\"scopes\":[\"model:read\"]}");
        String appId = credentials.get("application").get("clientId").asString();
        String appToken = accessToken(appId, credentials.get("clientSecret").asString());

        // when the application tries to suspend its tenant, the operator suspends it and reads it
        assertThat(send("POST", "/tenants/" + tenantId + "/suspend", appToken, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/tenants/" + tenantId + "/suspend", operator, null)
                        .statusCode())
                .isEqualTo(200);
        send("GET", "/tenants/" + tenantId, operator, null);

        // then the log holds the writes, newest first, with their actor and result, and no reads
        HttpResponse<String> log = send("GET", "/tenants/" + tenantId + "/audit", operator, null);
        assertThat(log.statusCode()).isEqualTo(200);
        JsonNode events = json(log.body()).get("items");
        assertThat(events).hasSize(4);
        assertThat(events.get(0).get("actor").asString()).isEqualTo(OPERATOR_ID);
        assertThat(events.get(0).get("action").asString()).isEqualTo("POST /tenants/{tenantId}/suspend");
        assertThat(events.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(events.get(1).get("actor").asString()).isEqualTo(appId);
        assertThat(events.get(1).get("target").asString()).isEqualTo("/tenants/" + tenantId + "/suspend");
        assertThat(events.get(1).get("status").asInt()).isEqualTo(403);
        assertThat(events.get(2).get("action").asString()).isEqualTo("POST /tenants/{tenantId}/applications");
        assertThat(events.get(3).get("action").asString()).isEqualTo("POST /tenants");
        assertThat(events.get(3).get("status").asInt()).isEqualTo(201);
        assertThat(Instant.parse(events.get(3).get("at").asString())).isAfter(before);

        // and it can be searched by actor, and holds nothing of other tenants
        JsonNode byApp = json(send("GET", "/tenants/" + tenantId + "/audit?actor=" + appId, operator, null)
                        .body())
                .get("items");
        assertThat(byApp).hasSize(1);
        String otherTenant = createTenant(operator, "Other");
        assertThat(send("GET", "/tenants/" + otherTenant + "/audit", operator, null)
                        .body())
                .doesNotContain(tenantId)
                .doesNotContain(appId);
        // and only the operator reads it, and bad search parameters are refused
        assertThat(send("GET", "/tenants/" + tenantId + "/audit", appToken, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/tenants/" + tenantId + "/audit?limit=0", operator, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void thePlatformShipsItsWritesIntoTheTenantsAuditLog() throws Exception {
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String platform = accessToken(TenantAdminTestSupport.PLATFORM_ID, TenantAdminTestSupport.PLATFORM_SECRET);
        String tenantId = createTenant(operator, "Shipping");

        HttpResponse<String> shipped = send(
                "POST",
                "/audit-events",
                platform,
                "{\"items\":[{\"tenantId\":\"" + tenantId + "\",\"actor\":\"app-1\",\"action\":\"POST /products\","
                        + "\"target\":\"/products\",\"status\":201,\"at\":\"" + Instant.now() + "\"}]}");
        assertThat(shipped.statusCode()).isEqualTo(204);

        JsonNode newest = json(send("GET", "/tenants/" + tenantId + "/audit?actor=app-1", operator, null)
                        .body())
                .get("items")
                .get(0);
        assertThat(newest.get("service").asString()).isEqualTo("platform");
        assertThat(newest.get("action").asString()).isEqualTo("POST /products");
        assertThat(newest.get("status").asInt()).isEqualTo(201);
        assertThat(send("POST", "/audit-events", platform, "{\"items\":[]}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/audit-events", operator, "{\"items\":[]}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() throws Exception {
        HttpResponse<String> none = send("GET", "/tenants", null, null);
        HttpResponse<String> forged = send("GET", "/tenants", "eyJhbGciOiJub25lIn0.eyJzY29wZSI6Im9wZXJhdG9yIn0.", null);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none.body()).get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void wrongClientSecretGetsNoToken() throws Exception {
        assertThat(TenantAdminTestSupport.requestToken(OPERATOR_ID, "not-the-secret", "")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void badInputAndUnknownTenantsAnswerCataloguedProblems() throws Exception {
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);

        HttpResponse<String> blankName = send("POST", "/tenants", operator, "{\"name\":\"\"}");
        HttpResponse<String> malformed = send("POST", "/tenants", operator, "{\"name\":");
        HttpResponse<String> unknown = send("GET", "/tenants/t000000000000000", operator, null);
        HttpResponse<String> unknownAudit = send("GET", "/tenants/t000000000000001/audit", operator, null);
        HttpResponse<String> unknownUsage = send("GET", "/tenants/t000000000000000/usage", operator, null);
        HttpResponse<String> badScope = send(
                "POST", "/tenants/t000000000000000/applications", operator, "{\"name\":\"a\",\"scopes\":[\"root\"]}");

        assertThat(blankName.statusCode()).isEqualTo(400);
        assertThat(json(blankName.body()).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(json(blankName.body()).get("detail").asString()).contains("name");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).get("code").asString()).isEqualTo("TENANT_NOT_FOUND");
        assertThat(json(unknownAudit.body()).get("code").asString()).isEqualTo("TENANT_NOT_FOUND");
        assertThat(json(unknownUsage.body()).get("code").asString()).isEqualTo("TENANT_NOT_FOUND");
        assertThat(badScope.statusCode()).isEqualTo(400);
    }

    @Test
    void publishesItsKeysAndWhereToGetTokens() throws Exception {
        HttpResponse<String> jwks = send("GET", "/oauth2/jwks", null, null);
        HttpResponse<String> resource = send("GET", "/.well-known/oauth-protected-resource", null, null);
        HttpResponse<String> server = send("GET", "/.well-known/oauth-authorization-server", null, null);

        assertThat(json(jwks.body()).get("keys").get(0).get("kid").asString()).isEqualTo("helio-1");
        assertThat(json(resource.body()).get("authorization_servers").get(0).asString())
                .isEqualTo(TenantAdminTestSupport.baseUrl());
        assertThat(json(server.body()).get("token_endpoint").asString())
                .isEqualTo(TenantAdminTestSupport.baseUrl() + "/oauth2/token");
    }

    private static String rawRetentionPolicy(String tenantId) throws Exception {
        return influx("SHOW RETENTION POLICIES ON \"helio_" + tenantId + "\"");
    }

    private static String influxDatabases() throws Exception {
        return influx("SHOW DATABASES");
    }
}
