package io.helio.admin;

import static io.helio.admin.TenantAdminTestSupport.OPERATOR_ID;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_PASSWORD;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_SECRET;
import static io.helio.admin.TenantAdminTestSupport.OPERATOR_USERNAME;
import static io.helio.admin.TenantAdminTestSupport.accessToken;
import static io.helio.admin.TenantAdminTestSupport.claims;
import static io.helio.admin.TenantAdminTestSupport.createTenant;
import static io.helio.admin.TenantAdminTestSupport.createUser;
import static io.helio.admin.TenantAdminTestSupport.json;
import static io.helio.admin.TenantAdminTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * People log in through the authorization server (authorization code with PKCE) and get tokens
 * whose scopes follow their role; a tenant's admin runs its own tenant and nothing else.
 */
class UsersAndRolesTest extends TenantAdminIntegrationTest {

    private static final String EVERY_SCOPE =
            "operator tenant:admin tenant:read model:read model:write data:read data:write control rules";

    private String operator;
    private String tenant;

    @BeforeEach
    void tenantWithItsAdmin() throws Exception {
        operator = accessToken(OPERATOR_ID, OPERATOR_SECRET);
        tenant = createTenant(operator, "people-" + System.nanoTime());
    }

    @Test
    void aTenantAdminLogsInWithPkceAndRunsItsOwnTenantOnly() throws Exception {
        // given a tenant admin created by the operator, and another tenant
        String password = createUser(operator, tenant, "admin-" + tenant, "TENANT_ADMIN");
        String other = createTenant(operator, "someone-else");

        // when the admin logs in asking for everything
        String token = PeopleLogin.accessToken("admin-" + tenant, password, EVERY_SCOPE);

        // then the token is the admin's, of its tenant, for both services, with the role's scopes only
        JsonNode claims = claims(token);
        assertThat(claims.get("sub").asString()).isEqualTo("admin-" + tenant);
        assertThat(claims.get("tenant").asString()).isEqualTo(tenant);
        assertThat(strings(claims.get("aud"))).containsExactlyInAnyOrder("helio-platform", "helio-admin");
        assertThat(strings(claims.get("scope")))
                .containsExactlyInAnyOrder(
                        "tenant:admin",
                        "tenant:read",
                        "model:read",
                        "model:write",
                        "data:read",
                        "data:write",
                        "control",
                        "rules");
        // and it runs its tenant: reads it with its quotas, makes applications and users, reads the audit log
        assertThat(json(send("GET", "/tenants/" + tenant, token, null).body())
                        .get("quotas")
                        .get("devices")
                        .asInt())
                .isEqualTo(10_000);
        assertThat(send(
                                "POST",
                                "/tenants/" + tenant + "/applications",
                                token,
                                "{\"name\":\"app\",\"scopes\":[\"data:read\"]}")
                        .statusCode())
                .isEqualTo(201);
        createUser(token, tenant, "viewer-" + tenant, "VIEWER");
        assertThat(send("GET", "/tenants/" + tenant + "/users", token, null).body())
                .contains("admin-" + tenant, "viewer-" + tenant);
        JsonNode audit = json(send("GET", "/tenants/" + tenant + "/audit?actor=admin-" + tenant, token, null)
                .body());
        assertThat(audit.get("items").get(0).get("action").asString()).isEqualTo("POST /tenants/{tenantId}/users");
        // but not the operator's part, and not another tenant
        assertThat(send("PUT", "/tenants/" + tenant + "/quotas", token, quotas())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/tenants/" + tenant + "/suspend", token, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/tenants", token, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/tenants/" + other, token, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/tenants/" + other + "/users", token, null).statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "POST",
                                "/tenants/" + other + "/users",
                                token,
                                "{\"username\":\"planted-" + tenant + "\",\"role\":\"TENANT_ADMIN\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void viewersAndDevelopersGetTheScopesOfTheirRoleWhateverTheyAskFor() throws Exception {
        String viewerPassword = createUser(operator, tenant, "viewer-" + tenant, "VIEWER");
        String developerPassword = createUser(operator, tenant, "dev-" + tenant, "DEVELOPER");

        String viewer = PeopleLogin.accessToken("viewer-" + tenant, viewerPassword, EVERY_SCOPE);
        String developer = PeopleLogin.accessToken("dev-" + tenant, developerPassword, "model:write tenant:admin");

        assertThat(strings(claims(viewer).get("scope")))
                .containsExactlyInAnyOrder("model:read", "data:read", "tenant:read");
        assertThat(strings(claims(developer).get("scope"))).containsExactly("model:write");
        assertThat(send("GET", "/tenants/" + tenant, viewer, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/tenants/" + tenant + "/usage", viewer, null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/tenants/" + tenant + "/users", viewer, null).statusCode())
                .isEqualTo(403);
        assertThat(send(
                                "POST",
                                "/tenants/" + tenant + "/applications",
                                viewer,
                                "{\"name\":\"a\",\"scopes\":[\"data:read\"]}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/tenants/" + tenant + "/audit", developer, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theOperatorLogsInAsAPersonWithTheOperatorScopeOnly() throws Exception {
        String token = PeopleLogin.accessToken(OPERATOR_USERNAME, OPERATOR_PASSWORD, EVERY_SCOPE);

        assertThat(strings(claims(token).get("scope"))).containsExactly("operator");
        assertThat(claims(token).has("tenant")).isFalse();
        assertThat(send("GET", "/tenants", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void noCodeWithoutPkceTheRightPasswordOrTheRightVerifier() throws Exception {
        String username = "dev-" + tenant;
        String password = createUser(operator, tenant, username, "DEVELOPER");

        // a wrong password gets no code
        assertThat(new PeopleLogin().authorize(username, "not-the-password", "model:read", PeopleLogin.challenge("v")))
                .isNull();
        // an authorization without a PKCE challenge is refused (the console is a public client)
        PeopleLogin withoutPkce = new PeopleLogin();
        assertThat(withoutPkce.authorize(username, password, "model:read", null))
                .isNull();
        assertThat(withoutPkce.lastRedirect).contains("error=invalid_request");
        // a code exchanged with another verifier, or twice, gets no token
        PeopleLogin login = new PeopleLogin();
        String code = login.authorize(username, password, "model:read", PeopleLogin.challenge(login.verifier));
        assertThat(code).isNotNull();
        HttpResponse<String> stolen = login.exchange(code, PeopleLogin.randomVerifier());
        assertThat(stolen.statusCode()).isEqualTo(400);
        assertThat(stolen.body()).contains("invalid_grant");
        PeopleLogin honest = new PeopleLogin();
        String second = honest.authorize(username, password, "model:read", PeopleLogin.challenge(honest.verifier));
        assertThat(honest.exchange(second, honest.verifier).statusCode()).isEqualTo(200);
        assertThat(honest.exchange(second, honest.verifier).statusCode()).isEqualTo(400);
    }

    @Test
    void roleChangesPasswordResetsDeletionAndSuspensionCountAtTheNextLogin() throws Exception {
        String username = "dev-" + tenant;
        String password = createUser(operator, tenant, username, "DEVELOPER");
        assertThat(send(
                                "POST",
                                "/tenants/" + tenant + "/users",
                                operator,
                                "{\"username\":\"" + username + "\",\"role\":\"VIEWER\"}")
                        .body())
                .contains("USERNAME_TAKEN");

        // a new role: the next token carries its scopes
        assertThat(send("PUT", "/tenants/" + tenant + "/users/" + username, operator, "{\"role\":\"VIEWER\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(strings(claims(PeopleLogin.accessToken(username, password, EVERY_SCOPE))
                        .get("scope")))
                .containsExactlyInAnyOrder("model:read", "data:read", "tenant:read");

        // a new password: the old one logs in no more
        String renewed = json(send("POST", "/tenants/" + tenant + "/users/" + username + "/password", operator, null)
                        .body())
                .get("password")
                .asString();
        assertThat(new PeopleLogin().authorize(username, password, "model:read", PeopleLogin.challenge("v")))
                .isNull();
        assertThat(PeopleLogin.login(username, renewed, "model:read").statusCode())
                .isEqualTo(200);

        // a suspended tenant's people cannot log in; after resuming they can
        send("POST", "/tenants/" + tenant + "/suspend", operator, null);
        assertThat(new PeopleLogin().authorize(username, renewed, "model:read", PeopleLogin.challenge("v")))
                .isNull();
        send("POST", "/tenants/" + tenant + "/resume", operator, null);
        assertThat(PeopleLogin.login(username, renewed, "model:read").statusCode())
                .isEqualTo(200);

        // deleted: no login, and the user is not found any more
        assertThat(send("DELETE", "/tenants/" + tenant + "/users/" + username, operator, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(new PeopleLogin().authorize(username, renewed, "model:read", PeopleLogin.challenge("v")))
                .isNull();
        assertThat(send("DELETE", "/tenants/" + tenant + "/users/" + username, operator, null)
                        .body())
                .contains("USER_NOT_FOUND");
    }

    @Test
    void badUsersAreRefusedWithTheFieldNamed() throws Exception {
        HttpResponse<String> answer = send(
                "POST", "/tenants/" + tenant + "/users", operator, "{\"username\":\"Not Valid!\",\"role\":\"VIEWER\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("username");
        assertThat(send(
                                "POST",
                                "/tenants/" + tenant + "/users",
                                operator,
                                "{\"username\":\"valid-name\",\"role\":\"OPERATOR\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    private static String quotas() {
        return "{\"devices\":1,\"connectedDevices\":1,\"messagesPerSecond\":1,\"pointsPerSecond\":1,\"apiRequestsPerSecond\":1,\"rawRetentionDays\":1}";
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asString()));
        } else {
            values.add(node.asString());
        }
        return values;
    }
}
