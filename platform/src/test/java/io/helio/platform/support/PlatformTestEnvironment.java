package io.helio.platform.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.helio.infra.SharedInfra;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

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

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        SharedInfra infra = SharedInfra.get();
        infra.postgres().createDatabase(DATABASE);
        infra.postgres().createRole(APP_ROLE, APP_PASSWORD);
        byte[] secretKey = new byte[32];
        RANDOM.nextBytes(secretKey);
        TestPropertyValues.of(
                        "spring.r2dbc.url=" + infra.postgres().r2dbcUrl(DATABASE),
                        "spring.r2dbc.username=" + APP_ROLE,
                        "spring.r2dbc.password=" + APP_PASSWORD,
                        "spring.flyway.url=" + infra.postgres().jdbcUrl(DATABASE),
                        "spring.flyway.user=postgres",
                        "helio.influx.url=" + infra.influxd().url(),
                        "helio.security.issuer=" + TestTokens.ISSUER,
                        "helio.security.jwk-set-uri=" + jwksUrl(),
                        "helio.model.secret-key=" + Base64.getEncoder().encodeToString(secretKey),
                        "helio.connect.port=0",
                        "helio.connect.host=127.0.0.1")
                .applyTo(context);
    }

    /** A fresh tenant id with its InfluxDB database, as tenant-admin would have provisioned it. */
    public static String newTenant() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("t");
        for (int i = 0; i < 15; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        influxQuery("CREATE DATABASE \"helio_" + id + "\"");
        return id.toString();
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

    private static synchronized String jwksUrl() {
        if (issuer == null) {
            issuer = new WireMockServer(
                    WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
            issuer.start();
            issuer.stubFor(WireMock.get("/oauth2/jwks").willReturn(WireMock.okJson(TOKENS.jwks())));
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::stop, "wiremock-stop"));
        }
        return issuer.baseUrl() + "/oauth2/jwks";
    }
}
