package io.helio.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform API as one tenant's application sees it. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient client;
    private final String token;

    public Api(WebTestClient client, String token) {
        this.client = client;
        this.token = token;
    }

    public static Api forTenant(WebTestClient client, String tenant) {
        return new Api(client, PlatformTestEnvironment.TOKENS.forTenant(tenant, TestTokens.ALL_SCOPES));
    }

    public WebTestClient.ResponseSpec post(String path, Object body) {
        return client.post()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    public WebTestClient.ResponseSpec postJson(String path, String json) {
        return post(path, json);
    }

    public WebTestClient.ResponseSpec putJson(String path, String json) {
        return client.put()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    public WebTestClient.ResponseSpec patchJson(String path, String json) {
        return client.patch()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    public WebTestClient.ResponseSpec delete(String path) {
        return client.delete()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }

    public WebTestClient.ResponseSpec get(String path) {
        return get(path, MediaType.APPLICATION_JSON);
    }

    /** A GET that must answer 200, its JSON body read. */
    public JsonNode getJson(String path) {
        return JSON.readTree(get(path)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    /**
     * The data of the first {@code count} events of a Server-Sent Events stream. Its answer begins
     * with its first event, so what makes the events must already be under way on another thread.
     */
    public List<String> firstEvents(String path, int count) {
        return client.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody()
                .take(count)
                .collectList()
                .block(Duration.ofSeconds(30));
    }

    /** A GET of a URI template whose variables are encoded strictly (a {@code +} or {@code ;} stays itself). */
    public WebTestClient.ResponseSpec get(String template, Map<String, ?> variables) {
        return client.get()
                .uri(template, variables)
                .headers(headers -> headers.setBearerAuth(token))
                .accept(MediaType.APPLICATION_JSON)
                .exchange();
    }

    public WebTestClient.ResponseSpec get(String path, MediaType accept) {
        return client.get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .accept(accept)
                .exchange();
    }

    /**
     * Reads a page of {@code items} until it has some and {@code done} holds of it, for up to 10 s
     * (alerts and commands follow a device's message a moment later), and asserts that it came to.
     */
    public JsonNode awaitItems(String query, Predicate<JsonNode> done) {
        JsonNode page =
                Eventually.read(() -> getJson(query), read -> !read.get("items").isEmpty() && done.test(read));
        assertThat(page.get("items")).as(query).isNotEmpty();
        assertThat(done.test(page)).as(query).isTrue();
        return page;
    }

    /** Creates a model with these points, a product of it and a device; returns product key and secret. */
    public ProvisionedDevice provisionDevice(String modelId, Map<String, String> pointTypes, String deviceKey) {
        List<Map<String, Object>> points = pointTypes.entrySet().stream()
                .map(point -> Map.<String, Object>of(
                        "identifier", point.getKey(), "type", Map.of("dataType", point.getValue())))
                .toList();
        post("/thing-models", Map.of("modelId", modelId, "name", modelId, "elements", Map.of("measurePoints", points)))
                .expectStatus()
                .isCreated();
        String productKey = createProduct("{\"name\":\"" + modelId + " product\",\"modelId\":\"" + modelId + "\"}");
        String secret =
                createDevice(productKey, "{\"deviceKey\":\"" + deviceKey + "\",\"name\":\"" + deviceKey + "\"}");
        return new ProvisionedDevice(productKey, deviceKey, secret);
    }

    /** Creates a product and returns its key. */
    public String createProduct(String json) {
        Map<?, ?> created = postJson("/products", json)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((Map<?, ?>) created.get("product")).get("productKey").toString();
    }

    /** Creates a device in the product and returns its secret. */
    public String createDevice(String productKey, String json) {
        return postJson("/products/" + productKey + "/devices", json)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("deviceSecret")
                .toString();
    }

    public record ProvisionedDevice(String productKey, String deviceKey, String secret) {}
}
