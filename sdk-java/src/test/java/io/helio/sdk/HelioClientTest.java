package io.helio.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.helio.sdk.platform.model.Device;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The facade against an HTTP stand-in for the platform and its authorization server. */
class HelioClientTest {

    private static final String DEVICE =
            "{\"productKey\":\"pk12345678\",\"deviceKey\":\"d1\",\"name\":\"one\",\"createdAt\":\"2024-01-01T00:00:00Z\"}";

    WireMockServer server;

    @BeforeEach
    void start() {
        server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get("/.well-known/oauth-protected-resource")
                .willReturn(okJson("{\"resource\":\"" + server.baseUrl() + "\",\"authorization_servers\":[\""
                        + server.baseUrl() + "/issuer\"]}")));
        server.stubFor(get("/issuer/.well-known/oauth-authorization-server")
                .willReturn(okJson("{\"issuer\":\"" + server.baseUrl() + "/issuer\",\"token_endpoint\":\""
                        + server.baseUrl() + "/issuer/oauth2/token\"}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void findsTheTokenEndpointFromTheBaseUrlAndSendsTheToken() {
        // given
        tokenExpiresIn(3600);
        server.stubFor(get("/products/pk12345678/devices/d1").willReturn(okJson(DEVICE)));
        HelioClient helio = HelioClient.connect(server.baseUrl(), "app-1", "s3cret");

        // when
        Device device = call(() -> helio.devices().getDevice("pk12345678", "d1"));
        call(() -> helio.devices().getDevice("pk12345678", "d1"));

        // then
        assertThat(device.getName()).isEqualTo("one");
        server.verify(
                1,
                postRequestedFor(urlPathEqualTo("/issuer/oauth2/token"))
                        .withHeader("Authorization", equalTo("Basic YXBwLTE6czNjcmV0"))
                        .withRequestBody(equalTo("grant_type=client_credentials")));
        server.verify(
                2,
                getRequestedFor(urlPathEqualTo("/products/pk12345678/devices/d1"))
                        .withHeader("Authorization", equalTo("Bearer token-1")));
        // and one client keeps one API object (each holds an HttpClient with its own threads)
        assertThat(helio.devices()).isSameAs(helio.devices());
    }

    @Test
    void obtainsANewTokenBeforeTheOldOneExpires() {
        tokenExpiresIn(30);
        server.stubFor(get("/products/pk12345678/devices/d1").willReturn(okJson(DEVICE)));
        HelioClient helio = HelioClient.connect(server.baseUrl(), "app-1", "s3cret");

        call(() -> helio.devices().getDevice("pk12345678", "d1"));
        call(() -> helio.devices().getDevice("pk12345678", "d1"));

        server.verify(2, postRequestedFor(urlPathEqualTo("/issuer/oauth2/token")));
    }

    @Test
    void problemResponsesBecomeTypedExceptionsWithTheErrorCode() {
        tokenExpiresIn(3600);
        server.stubFor(get("/products/pk12345678/devices/nope")
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://helio.io/problems/device-not-found\",\"title\":\"Not Found\","
                                + "\"status\":404,\"code\":\"DEVICE_NOT_FOUND\",\"detail\":\"no device 'nope'\","
                                + "\"hint\":\"Create the device first.\"}")));
        server.stubFor(get("/products/pk12345678/devices/broken")
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        HelioClient helio = HelioClient.connect(server.baseUrl(), "app-1", "s3cret");

        assertThatThrownBy(() -> helio.devices().getDevice("pk12345678", "nope"))
                .isInstanceOfSatisfying(HelioApiException.NotFound.class, e -> {
                    assertThat(e.code()).isEqualTo("DEVICE_NOT_FOUND");
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.hint()).isEqualTo("Create the device first.");
                    assertThat(e.getMessage()).contains("no device 'nope'");
                });
        assertThatThrownBy(() -> helio.devices().getDevice("pk12345678", "broken"))
                .isInstanceOfSatisfying(
                        HelioApiException.ServiceFailure.class,
                        e -> assertThat(e.code()).isEqualTo("HTTP_502"));
    }

    @Test
    void refusedCredentialsAreReportedAsNotAuthorized() {
        server.stubFor(post("/issuer/oauth2/token")
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\"}")));
        HelioClient helio = HelioClient.connect(server.baseUrl(), "app-1", "wrong");

        assertThatThrownBy(() -> helio.devices().getDevice("pk12345678", "d1"))
                .isInstanceOfSatisfying(
                        HelioApiException.NotAuthorized.class,
                        e -> assertThat(e.code()).isEqualTo("INVALID_CLIENT"));
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallInsteadOfHangingIt() {
        tokenExpiresIn(3600);
        server.stubFor(get("/products/pk12345678/devices/d1")
                .willReturn(okJson(DEVICE).withFixedDelay((int) Transport.REQUEST_TIMEOUT.toMillis() + 5_000)));
        HelioClient helio = HelioClient.connect(server.baseUrl(), "app-1", "s3cret");

        assertThatThrownBy(() -> helio.devices().getDevice("pk12345678", "d1"))
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
    }

    private void tokenExpiresIn(int seconds) {
        server.stubFor(post("/issuer/oauth2/token")
                .willReturn(okJson(
                        "{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":" + seconds + "}")));
    }

    private interface ApiCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(ApiCall<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
