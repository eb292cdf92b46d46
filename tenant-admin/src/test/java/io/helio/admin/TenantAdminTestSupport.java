package io.helio.admin;

import io.helio.infra.FreePort;
import io.helio.infra.RsaKeyPem;
import io.helio.infra.SharedInfra;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts tenant-admin against real PostgreSQL and influxd, and obtains tokens from it over HTTP. */
public final class TenantAdminTestSupport {

    public static final String OPERATOR_ID = "operator";
    public static final String OPERATOR_SECRET = "operator-secret-for-tests";
    public static final String OPERATOR_USERNAME = "ops.lead";
    public static final String OPERATOR_PASSWORD = "operator-password-for-tests";
    public static final String PLATFORM_ID = "platform";
    public static final String PLATFORM_SECRET = "platform-secret-for-tests";
    static final int PORT = FreePort.next();
    static final String ISSUER = "http://127.0.0.1:" + PORT;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TenantAdminTestSupport() {}

    public static void register(DynamicPropertyRegistry registry) {
        SharedInfra infra = SharedInfra.get();
        infra.postgres().createDatabase("helio_admin");
        registry.add("server.port", () -> PORT);
        registry.add("spring.datasource.url", () -> infra.postgres().jdbcUrl("helio_admin"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("helio.influx.url", () -> infra.influxd().url());
        registry.add("helio.auth.issuer", () -> ISSUER);
        registry.add("helio.auth.signing-key", () -> RsaKeyPem.generate().privateKeyPem());
        registry.add("helio.operator.client-id", () -> OPERATOR_ID);
        registry.add("helio.operator.client-secret", () -> OPERATOR_SECRET);
        registry.add("helio.operator.username", () -> OPERATOR_USERNAME);
        registry.add("helio.operator.password", () -> OPERATOR_PASSWORD);
        registry.add("helio.platform-client.client-id", () -> PLATFORM_ID);
        registry.add("helio.platform-client.client-secret", () -> PLATFORM_SECRET);
    }

    public static String baseUrl() {
        return ISSUER;
    }

    /** The token endpoint's JSON answer for the client-credentials grant. */
    public static HttpResponse<String> requestToken(String clientId, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials" + (scope.isEmpty() ? "" : "&scope=" + scope.replace(" ", "%20"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static String accessToken(String clientId, String secret) throws Exception {
        HttpResponse<String> response = requestToken(clientId, secret, "");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).get("access_token").asString();
    }

    /** Runs an InfluxQL statement on the shared influxd and returns its JSON answer. */
    public static String influx(String statement) throws Exception {
        HttpRequest query = HttpRequest.newBuilder(
                        URI.create(SharedInfra.get().influxd().url() + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                .build();
        return HTTP.send(query, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Writes line protocol to the shared influxd ({@code parameters}: db, rp, precision) and expects it all stored. */
    public static void influxWrite(String parameters, String lines) throws Exception {
        HttpResponse<String> written = HTTP.send(
                HttpRequest.newBuilder(URI.create(SharedInfra.get().influxd().url() + "/write?" + parameters))
                        .POST(HttpRequest.BodyPublishers.ofString(lines))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (written.statusCode() != 204) {
            throw new AssertionError("influxd did not store the lines: " + written.statusCode() + " " + written.body());
        }
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** The claims of a JWT, decoded without verification (the test checks what was issued). */
    public static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return json(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TenantAdminTestSupport.baseUrl() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String createTenant(String operator, String name) throws Exception {
        return json(send("POST", "/tenants", operator, "{\"name\":\"" + name + "\"}")
                        .body())
                .get("tenantId")
                .asString();
    }

    public static JsonNode createApplication(String operator, String tenantId, String application) throws Exception {
        return json(send("POST", "/tenants/" + tenantId + "/applications", operator, application)
                .body());
    }

    /** Creates a user of the tenant and returns its one-time password. */
    public static String createUser(String token, String tenantId, String username, String role) throws Exception {
        HttpResponse<String> created = send(
                "POST",
                "/tenants/" + tenantId + "/users",
                token,
                "{\"username\":\"" + username + "\",\"role\":\"" + role + "\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("user not created: " + created.statusCode() + " " + created.body());
        }
        return json(created.body()).get("password").asString();
    }
}
