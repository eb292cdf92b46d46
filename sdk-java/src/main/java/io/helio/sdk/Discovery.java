package io.helio.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds where to get tokens from an API's base URL alone: the API's protected resource metadata
 * (RFC 9728) names its authorization server, whose metadata (RFC 8414) names the token endpoint.
 */
final class Discovery {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Discovery() {}

    static URI tokenEndpoint(HttpClient http, URI baseUrl) {
        JsonNode resource = getJson(http, baseUrl.resolve("/.well-known/oauth-protected-resource"));
        String issuer = resource.path("authorization_servers").path(0).asString("");
        if (issuer.isEmpty()) {
            throw new IllegalStateException(baseUrl + " names no authorization server");
        }
        URI issuerUri = URI.create(issuer.endsWith("/") ? issuer : issuer + "/");
        JsonNode server = getJson(http, issuerUri.resolve(".well-known/oauth-authorization-server"));
        String tokenEndpoint = server.path("token_endpoint").asString("");
        if (tokenEndpoint.isEmpty()) {
            throw new IllegalStateException(issuer + " publishes no token endpoint");
        }
        return URI.create(tokenEndpoint);
    }

    private static JsonNode getJson(HttpClient http, URI uri) {
        HttpResponse<String> response = send(
                http,
                Transport.request(uri)
                        .header("Accept", "application/json")
                        .GET()
                        .build());
        if (response.statusCode() != 200) {
            throw ProblemResponses.fromBody(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.uri(), e);
        }
    }
}
