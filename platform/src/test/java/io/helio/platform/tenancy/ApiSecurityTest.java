package io.helio.platform.tenancy;

import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.support.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlatformTest
class ApiSecurityTest {

    private static final String TENANT = "t000000000000001";

    @Autowired
    WebTestClient web;

    static Stream<Arguments> invalidTokens() {
        TestTokens stranger = TestTokens.generate("test-key");
        TestTokens tokens = PlatformTestEnvironment.TOKENS;
        String valid = tokens.forTenant(TENANT, TestTokens.ALL_SCOPES);
        String[] parts = valid.split("\\.");
        return Stream.of(
                Arguments.of(
                        "expired",
                        tokens.sign(
                                TENANT,
                                TestTokens.ALL_SCOPES,
                                TestTokens.ISSUER,
                                Instant.now().minusSeconds(120))),
                Arguments.of(
                        "another issuer",
                        tokens.sign(
                                TENANT,
                                TestTokens.ALL_SCOPES,
                                "http://evil.test",
                                Instant.now().plusSeconds(300))),
                Arguments.of("signed by another key", stranger.forTenant(TENANT, TestTokens.ALL_SCOPES)),
                Arguments.of(
                        "meant for another service",
                        tokens.sign(
                                TENANT,
                                TestTokens.ALL_SCOPES,
                                TestTokens.ISSUER,
                                Instant.now().plusSeconds(300),
                                "billing")),
                Arguments.of(
                        "tampered payload",
                        parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2]),
                Arguments.of("alg none", "eyJhbGciOiJub25lIn0." + parts[1] + "."),
                Arguments.of("not a JWT", "opaque-token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void anInvalidTokenIsUnauthorizedWithAProblemAndNoData(String kind, String token) {
        web.get()
                .uri("/thing-models/anything")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void noTokenIsUnauthorizedWithABearerChallenge() {
        web.get()
                .uri("/products/pk000001")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void aTokenWithoutTheOperationsScopeIsForbidden() {
        String readOnly = PlatformTestEnvironment.TOKENS.forTenant(TENANT, List.of("model:read"));

        web.post()
                .uri("/thing-models")
                .headers(headers -> headers.setBearerAuth(readOnly))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"modelId\":\"m\",\"name\":\"m\"}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FORBIDDEN");
        web.get()
                .uri(
                        "/timeseries/raw?productKey=pk000001&deviceKey=d&point=p&start=2024-01-01T00:00:00Z&end=2024-01-02T00:00:00Z")
                .headers(headers -> headers.setBearerAuth(readOnly))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aTokenWithoutATenantIsForbidden() {
        String operator = PlatformTestEnvironment.TOKENS.sign(
                null, TestTokens.ALL_SCOPES, TestTokens.ISSUER, Instant.now().plusSeconds(300));

        web.get()
                .uri("/thing-models/anything")
                .headers(headers -> headers.setBearerAuth(operator))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TENANT_REQUIRED");
    }

    @Test
    void discoveryIsPublicAndNamesTheIssuer() {
        web.get()
                .uri("/.well-known/oauth-protected-resource")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.authorization_servers[0]")
                .isEqualTo(TestTokens.ISSUER);
    }
}
