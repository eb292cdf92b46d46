package io.helio.sdk;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens for an application (OAuth2 client credentials): obtained on first use and again
 * shortly before each expires, so callers always get a valid one. Thread-safe.
 */
final class ClientCredentialsTokens {

    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String basicCredentials;
    private final Clock clock;
    private @Nullable String token;
    private Instant refreshAt = Instant.MIN;

    ClientCredentialsTokens(HttpClient http, URI tokenEndpoint, String clientId, String clientSecret, Clock clock) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.basicCredentials = Base64.getEncoder()
                .encodeToString((urlEncode(clientId) + ":" + urlEncode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    synchronized String accessToken() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        HttpRequest request = Transport.request(tokenEndpoint)
                .header("Authorization", "Basic " + basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = Discovery.send(http, request);
        if (response.statusCode() != 200) {
            JsonNode error = JSON.readTree(response.body().isBlank() ? "{}" : response.body());
            throw HelioApiException.of(
                    response.statusCode() == 400 ? 401 : response.statusCode(),
                    error.path("error").asString("TOKEN_REFUSED").toUpperCase(Locale.ROOT),
                    "the authorization server refused the credentials: "
                            + error.path("error_description")
                                    .asString(error.path("error").asString(response.body())),
                    "Check the application's client id and secret.");
        }
        JsonNode body = JSON.readTree(response.body());
        Instant now = clock.instant();
        token = body.path("access_token").asString();
        refreshAt = now.plusSeconds(body.path("expires_in").asLong(60)).minus(REFRESH_AHEAD);
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
