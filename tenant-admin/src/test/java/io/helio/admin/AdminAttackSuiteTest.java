package io.helio.admin;

import static io.helio.admin.TenantAdminTestSupport.OPERATOR_ID;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_SECRET;
import static io.helio.admin.TenantAdminTestSupport.PLATFORM_ID;
import static io.helio.admin.TenantAdminTestSupport.PLATFORM_SECRET;
import static io.helio.admin.TenantAdminTestSupport.accessToken;
import static io.helio.admin.TenantAdminTestSupport.createApplication;
import static io.helio.admin.TenantAdminTestSupport.createTenant;
import static io.helio.admin.TenantAdminTestSupport.createUser;
import static io.helio.admin.TenantAdminTestSupport.json;
import static io.helio.admin.TenantAdminTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helio.apispec.Contracts;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The admin API from the attacker's side: every operation of the contract, called without a token,
 * with forged, expired, foreign or tampered tokens, with genuine tokens that lack the declared
 * scope (a tenant's application, the platform's client, another tenant's admin), and with another
 * tenant's admin holding the declared scope, naming a victim tenant's ids. Every call must be
 * refused, answer nothing of the victim, and change nothing.
 */
class AdminAttackSuiteTest extends TenantAdminIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(AdminAttackSuiteTest.class);

    @Autowired
    RSAKey signingKey;

    private final List<String> leaks = new ArrayList<>();
    private int cases;

    @Test
    void noOperationOfTheAdminApiServesACallerWithoutTheDeclaredScope() throws Exception {
        // given a victim tenant with an application, and an attacker tenant with an application of all scopes
        String operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        String victim = createTenant(operator, "victim-tenant");
        String victimApp = createApplication(operator, victim, "{\"name\":\"victim-app\",\"scopes\":[\"model:read\"]}")
                .get("application")
                .get("clientId")
                .asString();
        String victimUser = "victim-user-" + victim;
        createUser(operator, victim, victimUser, "VIEWER");
        String attacker = createTenant(operator, "attacker");
        JsonNode attackerApp = createApplication(
                operator,
                attacker,
                "{\"name\":\"attacker-app\",\"scopes\":[\"model:read\",\"model:write\",\"data:read\",\"data:write\"]}");
        String appToken = accessToken(
                attackerApp.get("application").get("clientId").asString(),
                attackerApp.get("clientSecret").asString());
        String attackerAdmin = PeopleLogin.accessToken(
                "admin-" + attacker,
                createUser(operator, attacker, "admin-" + attacker, "TENANT_ADMIN"),
                "tenant:admin tenant:read model:read model:write data:read data:write control rules");
        Map<String, List<String>> genuineWithScopes = Map.of(
                appToken,
                List.of("model:read", "model:write", "data:read", "data:write"),
                accessToken(PLATFORM_ID, PLATFORM_SECRET),
                List.of("tenants:read", "audit:write", "usage:write"),
                attackerAdmin,
                List.of("tenant:admin", "tenant:read"));
        Instant inFiveMinutes = Instant.now().plus(Duration.ofMinutes(5));
        Map<String, String> invalidTokens = Map.of(
                "alg none", "eyJhbGciOiJub25lIn0." + operator.split("\\.")[1] + ".",
                "token signed by another key",
                        sign(
                                new RSAKeyGenerator(2048)
                                        .keyID(signingKey.getKeyID())
                                        .generate(),
                                operatorClaims(TenantAdminTestSupport.ISSUER, inFiveMinutes)),
                "expired token",
                        sign(
                                signingKey,
                                operatorClaims(
                                        TenantAdminTestSupport.ISSUER,
                                        Instant.now().minusSeconds(300))),
                "token from another issuer", sign(signingKey, operatorClaims("https://issuer.example", inFiveMinutes)),
                "operator's claims under an application's signature",
                        appToken.split("\\.")[0] + "." + operator.split("\\.")[1] + "." + appToken.split("\\.")[2]);

        // when every operation is called with each
        for (Map.Entry<String, PathItem> path :
                Contracts.read("admin-api").getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                List<String> declared = Contracts.declaredScopes(operation);
                if (declared == null) {
                    continue; // public by contract (discovery)
                }
                String method = entry.getKey().name();
                String uri = Contracts.uri(path.getKey(), operation, parameter -> switch (parameter) {
                    case "clientId" -> victimApp;
                    case "username" -> victimUser;
                    default -> victim;
                });
                String body = operation.getRequestBody() == null ? null : "{\"name\":\"hijacked\"}";
                expect(operation, "no token", send(method, uri, null, body), 401);
                for (Map.Entry<String, String> invalid : invalidTokens.entrySet()) {
                    expect(operation, invalid.getKey(), send(method, uri, invalid.getValue(), body), 401);
                }
                for (Map.Entry<String, List<String>> genuine : genuineWithScopes.entrySet()) {
                    if (genuine.getValue().stream().noneMatch(declared::contains)) {
                        expect(
                                operation,
                                "a genuine token with only " + genuine.getValue(),
                                send(method, uri, genuine.getKey(), body),
                                403);
                    } else if (path.getKey().contains("{tenantId}")
                            && genuine.getKey().equals(attackerAdmin)) {
                        expect(
                                operation,
                                "the attacker tenant's admin naming the victim tenant",
                                send(method, uri, attackerAdmin, body),
                                403);
                    }
                }
            }
        }

        // then nothing was served, and the victim is as it was
        log.info("admin attack suite: {} cases over the contract's operations, {} leaks", cases, leaks.size());
        assertThat(leaks).isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(140);
        JsonNode tenant = json(send("GET", "/tenants/" + victim, operator, null).body());
        assertThat(tenant.get("name").asString()).isEqualTo("victim-tenant");
        assertThat(tenant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(send("GET", "/tenants/" + victim + "/applications", operator, null)
                        .body())
                .contains(victimApp, "victim-app");
        assertThat(json(send("GET", "/tenants/" + victim + "/users", operator, null)
                                .body())
                        .get("items")
                        .get(0)
                        .get("role")
                        .asString())
                .isEqualTo("VIEWER");
    }

    private void expect(Operation operation, String attack, HttpResponse<String> answer, int status) {
        cases++;
        if (answer.statusCode() != status || answer.body().contains("victim-")) {
            leaks.add(operation.getOperationId() + " with " + attack + " answered " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    private static JWTClaimsSet operatorClaims(String issuer, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of("helio-admin"))
                .subject(OPERATOR_ID)
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiresAt))
                .claim("scope", List.of("operator"))
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
