package io.helio.platform.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.helio.infra.FreePort;
import io.helio.infra.SharedInfra;
import io.helio.infra.TestKeyStore;
import io.helio.platform.PlatformApplication;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The platform under test stands on real PostgreSQL and influxd (shared per JVM) and trusts tokens
 * whose keys WireMock serves in tenant-admin's place, so the platform's suite needs no tenant-admin.
 */
public final class PlatformTestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final TestTokens TOKENS = TestTokens.generate("test-key");
    private static final String DATABASE = "helio_platform";
    private static final String APP_ROLE = "helio_platform_app";
    private static final String APP_PASSWORD = "helio-app-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static WireMockServer issuer;

    /** The key devices' secrets are sealed with: one for the run, so that every node reads them. */
    private static final String SECRET_KEY = newSecretKey();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        SharedInfra infra = SharedInfra.get();
        infra.postgres().createDatabase(DATABASE);
        infra.postgres().createRole(APP_ROLE, APP_PASSWORD);
        TestPropertyValues.of(
                        "spring.r2dbc.url=" + infra.postgres().r2dbcUrl(DATABASE),
                        "spring.r2dbc.username=" + APP_ROLE,
                        "spring.r2dbc.password=" + APP_PASSWORD,
                        "spring.flyway.url=" + infra.postgres().jdbcUrl(DATABASE),
                        "spring.flyway.user=postgres",
                        "helio.influx.url=" + infra.influxd().url(),
                        "helio.influx.spill-dir=" + spillDir(),
                        "helio.connect.tls.port=" + FreePort.next(),
                        "helio.connect.tls.key-store=" + TestKeyStore.path(),
                        "helio.connect.tls.key-store-password=" + TestKeyStore.PASSWORD,
                        "helio.security.issuer=" + TestTokens.ISSUER,
                        "helio.security.jwk-set-uri=" + jwksUrl(),
                        "helio.model.secret-key=" + SECRET_KEY,
                        "helio.connect.port=" + FreePort.next(),
                        "helio.edge.port=" + FreePort.next(),
                        "helio.edge.tls.enabled=true",
                        "helio.edge.tls.key-store=" + TestKeyStore.path(),
                        "helio.edge.tls.key-store-password=" + TestKeyStore.PASSWORD,
                        "helio.edge.websocket-port=" + FreePort.next(),
                        "helio.connect.host=127.0.0.1",
                        "helio.tenancy.admin-url=" + tenantAdmin().baseUrl(),
                        "helio.tenancy.client-id=platform",
                        "helio.tenancy.client-secret=platform-secret-for-tests",
                        "helio.tenancy.status-ttl=200ms",
                        "helio.tenancy.sweep-interval=500ms",
                        "helio.audit.ship-every=200ms",
                        "helio.usage.report-every=300ms",
                        "helio.influx.rollup-repair-every=200ms",
                        "helio.rules.webhook-poll-every=100ms",
                        "helio.rules.silence-check-every=200ms",
                        "helio.rules.window-grace=300ms",
                        "helio.rules.data-arrival-resolution=50ms",
                        "helio.rules.webhook-timeout=500ms",
                        "helio.rules.webhook-backoff=100ms",
                        "helio.rules.webhook-attempts=3")
                .applyTo(context);
    }

    private static @Nullable DatabaseClient platformDatabase;

    /**
     * The platform's PostgreSQL database, migrated, as its service role reaches it: for tests that put
     * parts of the platform together without a node. Migrated and connected once per run.
     */
    public static synchronized DatabaseClient platformDatabase() {
        if (platformDatabase == null) {
            SharedInfra infra = SharedInfra.get();
            infra.postgres().createDatabase(DATABASE);
            infra.postgres().createRole(APP_ROLE, APP_PASSWORD);
            Flyway.configure()
                    .dataSource(infra.postgres().jdbcUrl(DATABASE), "postgres", "")
                    .placeholders(Map.of("app_role", APP_ROLE))
                    .load()
                    .migrate();
            platformDatabase = DatabaseClient.create(ConnectionFactories.get(
                    ConnectionFactoryOptions.parse(infra.postgres().r2dbcUrl(DATABASE))
                            .mutate()
                            .option(ConnectionFactoryOptions.USER, APP_ROLE)
                            .option(ConnectionFactoryOptions.PASSWORD, APP_PASSWORD)
                            .build()));
        }
        return platformDatabase;
    }

    /** Transactions in {@link #platformDatabase()}. */
    public static TransactionalOperator platformTransactions() {
        return TransactionalOperator.create(
                new R2dbcTransactionManager(platformDatabase().getConnectionFactory()));
    }

    /**
     * A fresh tenant id with its InfluxDB database and rollup retention policies, as tenant-admin
     * would have provisioned it (without the continuous queries: tests roll up with {@link #rollUp}).
     */
    public static String newTenant() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("t");
        for (int i = 0; i < 15; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        String database = "\"helio_" + id + "\"";
        influxQuery("CREATE DATABASE " + database);
        for (String rollup : List.of("rollup_1m", "rollup_1h")) {
            influxQuery("CREATE RETENTION POLICY \"" + rollup + "\" ON " + database + " DURATION INF REPLICATION 1");
        }
        return id.toString();
    }

    /**
     * Fills the tenant's rollups for {@code [start, end)} with the statement of tenant-admin's
     * continuous queries, as they would have run.
     */
    public static void rollUp(String tenant, java.time.Instant start, java.time.Instant end) {
        String database = "\"helio_" + tenant + "\"";
        for (String[] rollup : List.of(new String[] {"rollup_1m", "1m"}, new String[] {"rollup_1h", "1h"})) {
            String answer = influxQuery("SELECT count(*), sum(*), min(*), max(*), first(*), last(*) INTO "
                    + database + ".\"" + rollup[0] + "\".:MEASUREMENT FROM " + database + ".\"autogen\"./.*/"
                    + " WHERE time >= " + start.toEpochMilli() + "ms AND time < " + end.toEpochMilli()
                    + "ms GROUP BY time(" + rollup[1] + "), *");
            if (answer.contains("\"error\"")) {
                throw new IllegalStateException("rolling up failed: " + answer);
            }
        }
    }

    /** Writes line protocol (millisecond timestamps) straight into the tenant's database. */
    public static void influxWrite(String tenant, String lines) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(SharedInfra.get().influxd().url() + "/write?precision=ms&db=helio_" + tenant))
                    .POST(HttpRequest.BodyPublishers.ofString(lines))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("InfluxDB refused the write: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String influxQuery(String statement) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(SharedInfra.get().influxd().url() + "/query?epoch=ms&q="
                                    + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("InfluxDB query failed: " + statement, e);
        }
    }

    /** The first value of a {@code SELECT count(...)} statement's answer; 0 when it matched no series. */
    public static long influxCount(String statement) {
        return countIn(influxQuery(statement));
    }

    /** {@link #influxCount} once it is {@code expected}, or after 10 s as it is then (see {@link #awaitInfluxAnswer}). */
    public static long awaitInfluxCount(String statement, long expected) {
        return countIn(awaitInfluxAnswer(statement, answer -> countIn(answer) == expected));
    }

    /**
     * The statement's answer once {@code complete} holds for it, or after 10 s as it is then. A 200
     * means stored in InfluxDB or in the platform's spill: a write InfluxDB has not taken within 30 ms
     * is answered from the spill and replayed moments later, so what was acknowledged may not be in
     * InfluxDB yet.
     */
    public static String awaitInfluxAnswer(String statement, Predicate<String> complete) {
        return Eventually.read(() -> influxQuery(statement), complete);
    }

    private static long countIn(String answer) {
        int at = answer.indexOf("\"values\":[[");
        if (at < 0) {
            return 0;
        }
        String row = answer.substring(at + 11, answer.indexOf("]", at));
        return Long.parseLong(row.split(",")[1]);
    }

    /** Marks the tenant suspended (or active again) in the tenant API that WireMock serves. */
    public static void setSuspended(String tenant, boolean suspended) {
        setSuspended(tenant, suspended, Duration.ZERO);
    }

    /** Marks the tenant suspended (or active), with the tenant API taking {@code answerDelay} to say so. */
    public static void setSuspended(String tenant, boolean suspended, Duration answerDelay) {
        stubTenant(tenant, StubbedTenant.DEFAULT.withStatus(suspended ? "SUSPENDED" : "ACTIVE"), answerDelay);
    }

    /** Makes the tenant unknown to the tenant API that WireMock serves, as after its deletion. */
    public static void setDeleted(String tenant) {
        tenantAdmin()
                .stubFor(WireMock.get("/tenants/" + tenant)
                        .atPriority(1)
                        .willReturn(WireMock.aResponse()
                                .withStatus(404)
                                .withHeader("Content-Type", "application/problem+json")
                                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                        + "\"code\":\"TENANT_NOT_FOUND\",\"detail\":\"no tenant\"}")));
    }

    /** Gives the tenant these quotas in the tenant API that WireMock serves. */
    public static void setQuotas(String tenant, int devices, int apiRequestsPerSecond) {
        stubTenant(tenant, StubbedTenant.DEFAULT.withDevices(devices).withApiRate(apiRequestsPerSecond));
    }

    /** Gives the tenant these device rates (and the default other quotas) in the tenant API that WireMock serves. */
    public static void setDeviceRates(String tenant, int messagesPerSecond, int pointsPerSecond) {
        stubTenant(tenant, StubbedTenant.DEFAULT.withDeviceRates(messagesPerSecond, pointsPerSecond));
    }

    /** Lets the tenant hold this many device connections at once (other quotas default). */
    public static void setConnectedDevices(String tenant, int connectedDevices) {
        stubTenant(tenant, StubbedTenant.DEFAULT.withConnectedDevices(connectedDevices));
    }

    private static void stubTenant(String tenant, StubbedTenant stubbed) {
        stubTenant(tenant, stubbed, Duration.ZERO);
    }

    private static void stubTenant(String tenant, StubbedTenant stubbed, Duration answerDelay) {
        tenantAdmin()
                .stubFor(WireMock.get("/tenants/" + tenant)
                        .atPriority(1)
                        .willReturn(
                                WireMock.okJson(stubbed.json(tenant)).withFixedDelay((int) answerDelay.toMillis())));
    }

    /** The bodies of the audit batches tenant-admin (WireMock) has taken so far, oldest first. */
    public static List<String> shippedAuditBatches() {
        List<String> newestFirst = new ArrayList<>(tenantAdmin().getAllServeEvents().stream()
                .filter(served -> served.getRequest().getUrl().equals("/audit-events")
                        && served.getResponse().getStatus() == 204)
                .map(served -> served.getRequest().getBodyAsString())
                .toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Tenant-admin answers audit shipments 503 while {@code refused}. */
    public static void refuseAuditShipments(boolean refused) {
        if (refused) {
            tenantAdmin()
                    .stubFor(WireMock.post("/audit-events")
                            .atPriority(1)
                            .withId(AUDIT_OUTAGE)
                            .willReturn(WireMock.serviceUnavailable()));
        } else {
            tenantAdmin()
                    .removeStubMapping(
                            tenantAdmin().getStubMapping(AUDIT_OUTAGE).getItem());
        }
    }

    /** The bodies of the usage reports the platform has sent to tenant-admin so far, oldest first. */
    public static List<String> usageReports() {
        return tenantAdmin().findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/usage-reports"))).stream()
                .map(request -> request.getBodyAsString())
                .toList();
    }

    private static final UUID AUDIT_OUTAGE = UUID.randomUUID();

    /**
     * Another platform node beside the test's own: the same PostgreSQL, influxd and keys, listeners
     * and a spill of its own. The caller closes it.
     */
    public static ConfigurableApplicationContext anotherNode(String... properties) {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .initializers(
                        new PlatformTestEnvironment(),
                        node -> TestPropertyValues.of(properties).applyTo(node))
                .properties("server.port=0")
                .run();
    }

    private static String newSecretKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A spill of its own for each test run: what one run spilled is not another's. */
    private static Path spillDir() {
        try {
            return Files.createTempDirectory("helio-spill");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jwksUrl() {
        return tenantAdmin().baseUrl() + "/oauth2/jwks";
    }

    /**
     * WireMock in tenant-admin's place: its JWKS, and the tenant API the platform reads tenants'
     * status from (with the discovery and token endpoints its client uses). Every tenant is active
     * unless a test suspends it.
     */
    private static synchronized WireMockServer tenantAdmin() {
        if (issuer == null) {
            issuer = new WireMockServer(WireMockConfiguration.options()
                    .dynamicPort()
                    .bindAddress("127.0.0.1")
                    .globalTemplating(true));
            issuer.start();
            String base = issuer.baseUrl();
            issuer.stubFor(WireMock.get("/oauth2/jwks").willReturn(WireMock.okJson(TOKENS.jwks())));
            issuer.stubFor(WireMock.get("/.well-known/oauth-protected-resource")
                    .willReturn(WireMock.okJson(
                            "{\"resource\":\"" + base + "\",\"authorization_servers\":[\"" + base + "\"]}")));
            issuer.stubFor(WireMock.get("/.well-known/oauth-authorization-server")
                    .willReturn(WireMock.okJson(
                            "{\"issuer\":\"" + base + "\",\"token_endpoint\":\"" + base + "/oauth2/token\"}")));
            issuer.stubFor(WireMock.post("/oauth2/token")
                    .willReturn(WireMock.okJson(
                            "{\"access_token\":\"platform-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
            issuer.stubFor(WireMock.get(WireMock.urlPathMatching("/tenants/t[a-z0-9]{15}"))
                    .atPriority(5)
                    .willReturn(WireMock.okJson(StubbedTenant.DEFAULT.json("{{request.pathSegments.[1]}}"))));
            issuer.stubFor(WireMock.post("/audit-events").willReturn(WireMock.noContent()));
            issuer.stubFor(WireMock.post("/usage-reports").willReturn(WireMock.noContent()));
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::stop, "wiremock-stop"));
        }
        return issuer;
    }

    /** A tenant as the stubbed tenant-admin describes it. */
    private record StubbedTenant(
            String status,
            int devices,
            int connectedDevices,
            int messagesPerSecond,
            int pointsPerSecond,
            int apiRequestsPerSecond) {

        static final StubbedTenant DEFAULT = new StubbedTenant("ACTIVE", 10_000, 10_000, 100_000, 1_000_000, 10_000);

        StubbedTenant withStatus(String newStatus) {
            return new StubbedTenant(
                    newStatus, devices, connectedDevices, messagesPerSecond, pointsPerSecond, apiRequestsPerSecond);
        }

        StubbedTenant withDevices(int newDevices) {
            return new StubbedTenant(
                    status, newDevices, connectedDevices, messagesPerSecond, pointsPerSecond, apiRequestsPerSecond);
        }

        StubbedTenant withConnectedDevices(int newConnectedDevices) {
            return new StubbedTenant(
                    status, devices, newConnectedDevices, messagesPerSecond, pointsPerSecond, apiRequestsPerSecond);
        }

        StubbedTenant withDeviceRates(int newMessagesPerSecond, int newPointsPerSecond) {
            return new StubbedTenant(
                    status, devices, connectedDevices, newMessagesPerSecond, newPointsPerSecond, apiRequestsPerSecond);
        }

        StubbedTenant withApiRate(int newApiRequestsPerSecond) {
            return new StubbedTenant(
                    status, devices, connectedDevices, messagesPerSecond, pointsPerSecond, newApiRequestsPerSecond);
        }

        String json(String tenant) {
            return "{\"tenantId\":\"" + tenant + "\",\"name\":\"tenant\",\"status\":\"" + status
                    + "\",\"quotas\":{\"devices\":" + devices + ",\"connectedDevices\":" + connectedDevices
                    + ",\"messagesPerSecond\":" + messagesPerSecond + ",\"pointsPerSecond\":" + pointsPerSecond
                    + ",\"apiRequestsPerSecond\":" + apiRequestsPerSecond
                    + ",\"rawRetentionDays\":365},\"createdAt\":\"2024-01-01T00:00:00Z\"}";
        }
    }
}
