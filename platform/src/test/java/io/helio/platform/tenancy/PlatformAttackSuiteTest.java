package io.helio.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.helio.apispec.Contracts;
import io.helio.platform.support.Api;
import io.helio.platform.support.PlatformTest;
import io.helio.platform.support.PlatformTestEnvironment;
import io.helio.platform.support.TestTokens;
import io.helio.platform.support.ThreadDumpOnHang;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Written from the attacker's side, over every operation of the platform contract as the contract
 * declares it: without a token, with forged tokens, without the declared scope, and as another
 * tenant naming the victim's ids in paths, queries and bodies. Nothing may answer with the victim's
 * data, and nothing of the victim may change.
 */
@PlatformTest
class PlatformAttackSuiteTest {

    private static final Logger log = LoggerFactory.getLogger(PlatformAttackSuiteTest.class);

    @Autowired
    WebTestClient web;

    private String victimProduct;
    private String victimNode;
    private final List<String> leaks = new ArrayList<>();
    private int cases;

    @Test
    void noOperationLetsAnAttackerReadOrChangeAnotherTenantsData() {
        // given a victim tenant with a model, product, device, gateway topology and asset tree
        String victim = PlatformTestEnvironment.newTenant();
        Api victimApi = Api.forTenant(web, victim);
        victimApi.postJson("/thing-models", """
                        {"modelId":"vmodel","name":"victim-model-name","elements":{"measurePoints":[{"identifier":"kwh","type":{"dataType":"DOUBLE"}}]}}""").expectStatus().isCreated();
        victimProduct = victimApi.createProduct(
                "{\"name\":\"victim-product-name\",\"modelId\":\"vmodel\",\"type\":\"GATEWAY\"}");
        victimApi.createDevice(victimProduct, "{\"deviceKey\":\"vdev\",\"name\":\"victim-device-name\"}");
        victimApi.createDevice(victimProduct, "{\"deviceKey\":\"vsub\",\"name\":\"victim-sub-name\"}");
        victimApi
                .postJson(
                        "/products/" + victimProduct + "/devices/vdev/sub-devices",
                        "{\"productKey\":\"" + victimProduct + "\",\"deviceKey\":\"vsub\"}")
                .expectStatus()
                .isNoContent();
        victimApi
                .postJson("/asset-trees", "{\"treeId\":\"vtree\",\"name\":\"victim-tree-name\"}")
                .expectStatus()
                .isCreated();
        victimNode = (String) victimApi
                .postJson(
                        "/asset-trees/vtree/nodes",
                        "{\"name\":\"victim-node-name\",\"device\":{\"productKey\":\"" + victimProduct
                                + "\",\"deviceKey\":\"vdev\"}}")
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("nodeId");
        victimApi
                .postJson(
                        "/rules",
                        "{\"ruleId\":\"vrule\",\"name\":\"victim-rule-name\",\"productKey\":\""
                                + victimProduct
                                + "\",\"expression\":\"kwh > 1.0\",\"severity\":\"MAJOR\",\"message\":\"victim-alert\"}")
                .expectStatus()
                .isCreated();
        String attacker = PlatformTestEnvironment.newTenant();
        TestTokens tokens = PlatformTestEnvironment.TOKENS;
        String forgedKey = TestTokens.generate("test-key").forTenant(attacker, TestTokens.ALL_SCOPES);
        String unsigned = "eyJhbGciOiJub25lIn0."
                + tokens.forTenant(attacker, TestTokens.ALL_SCOPES).split("\\.")[1] + ".";
        Instant inFiveMinutes = Instant.now().plus(Duration.ofMinutes(5));
        String expired = tokens.sign(
                attacker,
                TestTokens.ALL_SCOPES,
                TestTokens.ISSUER,
                Instant.now().minus(Duration.ofMinutes(5)));
        String otherIssuer = tokens.sign(attacker, TestTokens.ALL_SCOPES, "https://issuer.example", inFiveMinutes);
        String otherAudience =
                tokens.sign(attacker, TestTokens.ALL_SCOPES, TestTokens.ISSUER, inFiveMinutes, "some-other-api");
        String[] attackerParts =
                tokens.forTenant(attacker, TestTokens.ALL_SCOPES).split("\\.");
        String tampered = attackerParts[0] + "."
                + tokens.forTenant(victim, TestTokens.ALL_SCOPES).split("\\.")[1] + "." + attackerParts[2];

        // when the attacker calls every operation of the contract
        for (Map.Entry<String, PathItem> path :
                Contracts.read("platform-api").getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                HttpMethod method = HttpMethod.valueOf(entry.getKey().name());
                String uri = Contracts.uri(path.getKey(), operation, this::value);
                String body = operation.getRequestBody() == null ? null : body(operation.getOperationId());
                List<String> scopes = Contracts.declaredScopes(operation);
                if (scopes == null) {
                    continue; // public by contract (discovery)
                }
                expect(operation, "no token", method, uri, null, body, 401);
                expect(operation, "token signed by another key", method, uri, forgedKey, body, 401);
                expect(operation, "alg none", method, uri, unsigned, body, 401);
                expect(operation, "expired token", method, uri, expired, body, 401);
                expect(operation, "token from another issuer", method, uri, otherIssuer, body, 401);
                expect(operation, "token for another audience", method, uri, otherAudience, body, 401);
                expect(operation, "victim's claims under the attacker's signature", method, uri, tampered, body, 401);
                List<String> withoutDeclared = TestTokens.ALL_SCOPES.stream()
                        .filter(scope -> !scopes.contains(scope))
                        .toList();
                expect(
                        operation,
                        "without the declared scope",
                        method,
                        uri,
                        tokens.forTenant(attacker, withoutDeclared),
                        body,
                        403);
                cases++;
                EntityExchangeResult<String> asAttacker = call(
                        operation,
                        "as another tenant",
                        method,
                        uri,
                        tokens.forTenant(attacker, TestTokens.ALL_SCOPES),
                        body);
                if (asAttacker == null) {
                    continue;
                }
                int status = asAttacker.getStatus().value();
                if (status >= 500 || List.of(200, 201, 204, 400, 404).stream().noneMatch(ok -> ok == status)) {
                    leaks.add(operation.getOperationId() + " as another tenant answered " + status);
                }
                // a problem's "instance" echoes the request path, which the attacker wrote himself
                String answer = asAttacker.getResponseBody() == null
                        ? ""
                        : asAttacker.getResponseBody().replaceAll("\"instance\"\\s*:\\s*\"[^\"]*\"", "");
                if (answer.contains("victim-") || answer.contains(victimNode)) {
                    leaks.add(operation.getOperationId() + " as another tenant answered victim data: " + answer);
                }
            }
        }

        // then nothing leaked, and the victim's data is as it was
        log.info("platform attack suite: {} cases over the contract's operations, {} leaks", cases, leaks.size());
        assertThat(leaks).isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(420);
        victimApi
                .get("/products/" + victimProduct + "/devices/vdev")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("victim-device-name")
                .jsonPath("$.status")
                .isEqualTo("INACTIVE");
        victimApi
                .get("/thing-models/vmodel")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("victim-model-name");
        victimApi
                .get("/products/" + victimProduct + "/devices/vdev/sub-devices")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].deviceKey")
                .isEqualTo("vsub");
        victimApi.get("/asset-trees/vtree/nodes/" + victimNode).expectStatus().isOk();
    }

    private void expect(
            Operation operation, String attack, HttpMethod method, String uri, String token, String body, int status) {
        cases++;
        EntityExchangeResult<String> result = call(operation, attack, method, uri, token, body);
        if (result == null) {
            return;
        }
        String answer = result.getResponseBody() == null ? "" : result.getResponseBody();
        if (result.getStatus().value() != status || answer.contains("victim-")) {
            leaks.add(operation.getOperationId() + " with " + attack + " answered "
                    + result.getStatus().value() + " " + answer);
        }
    }

    /** The answer, or null with the silence counted as a finding (a hang names its operation and attack). */
    private @Nullable EntityExchangeResult<String> call(
            Operation operation, String attack, HttpMethod method, String uri, @Nullable String token, String body) {
        long started = System.nanoTime();
        try {
            return exchange(method, uri, token, body);
        } catch (IllegalStateException unanswered) {
            ThreadDumpOnHang.logThreads(operation.getOperationId() + " with " + attack);
            leaks.add(operation.getOperationId() + " with " + attack + " did not answer within "
                    + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s: " + unanswered.getMessage());
            return null;
        }
    }

    private EntityExchangeResult<String> exchange(HttpMethod method, String uri, @Nullable String token, String body) {
        WebTestClient.RequestBodySpec request = web.method(method).uri(uri);
        if (token != null) {
            request.headers(headers -> headers.setBearerAuth(token));
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchange().expectBody(String.class).returnResult();
    }

    /** The victim's ids in every path parameter, and the required query parameters filled with them. */
    private String value(String parameter) {
        return switch (parameter) {
            case "productKey", "subProductKey" -> victimProduct;
            case "deviceKey" -> "vdev";
            case "subDeviceKey" -> "vsub";
            case "modelId" -> "vmodel";
            case "treeId" -> "vtree";
            case "ruleId" -> "vrule";
            case "nodeId" -> victimNode;
            case "point" -> "kwh";
            case "start" -> "2024-01-01T00:00:00Z";
            case "end" -> Instant.parse("2030-01-01T00:00:00Z").toString();
            case "interval" -> "1d";
            case "function" -> "count";
            case "severity" -> "MAJOR";
            default -> "x";
        };
    }

    /** Bodies that name the victim's ids where an operation takes references. */
    private String body(String operationId) {
        return switch (operationId) {
            case "createProduct" -> "{\"name\":\"intruder\",\"modelId\":\"vmodel\"}";
            case "createDevice" -> "{\"deviceKey\":\"intruder\",\"name\":\"intruder\"}";
            case "addSubDevice" -> "{\"productKey\":\"" + victimProduct + "\",\"deviceKey\":\"vsub\"}";
            case "createAssetNode" ->
                "{\"name\":\"intruder\",\"parentNodeId\":\"" + victimNode + "\",\"device\":{\"productKey\":\""
                        + victimProduct + "\",\"deviceKey\":\"vdev\"}}";
            case "updateThingModel", "updateDevice" -> "{\"name\":\"hijacked\"}";
            case "moveAssetSubtree" -> "{}";
            case "dryRunRule" ->
                "{\"start\":\"0\",\"end\":\"1000\",\"rule\":{\"name\":\"intruder\",\"productKey\":\""
                        + victimProduct
                        + "\",\"expression\":\"kwh > 1.0\",\"severity\":\"INFO\",\"message\":\"m\"}}";
            case "createRule", "updateRule" ->
                "{\"ruleId\":\"intruder\",\"name\":\"intruder\",\"productKey\":\"" + victimProduct
                        + "\",\"expression\":\"kwh > 1.0\",\"severity\":\"INFO\",\"message\":\"m\"}";
            default -> "{}";
        };
    }
}
