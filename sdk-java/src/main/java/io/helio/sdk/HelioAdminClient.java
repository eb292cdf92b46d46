package io.helio.sdk;

import io.helio.sdk.admin.api.ApplicationsApi;
import io.helio.sdk.admin.api.AuditApi;
import io.helio.sdk.admin.api.TenantsApi;
import io.helio.sdk.admin.api.UsageApi;
import io.helio.sdk.admin.api.UsersApi;
import io.helio.sdk.admin.invoker.ApiClient;
import java.net.http.HttpClient;

/**
 * A client of Helio's admin API (tenant-admin), for operators and tenant administrators.
 * Failures arrive as {@link HelioApiException} with the service's error code.
 */
public final class HelioAdminClient {

    // each generated API builds its own HttpClient (threads, connections): build each once
    private final TenantsApi tenants;
    private final ApplicationsApi applications;
    private final AuditApi audit;
    private final UsersApi users;
    private final UsageApi usage;

    private HelioAdminClient(ApiClient api) {
        this.tenants = new TenantsApi(api);
        this.applications = new ApplicationsApi(api);
        this.audit = new AuditApi(api);
        this.users = new UsersApi(api);
        this.usage = new UsageApi(api);
    }

    /** Connects to tenant-admin at {@code baseUrl} with these client credentials (the operator's, for instance). */
    public static HelioAdminClient connect(String baseUrl, String clientId, String clientSecret) {
        HttpClient.Builder http = Transport.httpClient();
        ClientCredentialsTokens tokens = HelioClient.tokens(http.build(), baseUrl, clientId, clientSecret);
        ApiClient api = new ApiClient(http, ApiClient.createDefaultObjectMapper(), baseUrl);
        api.setReadTimeout(Transport.REQUEST_TIMEOUT);
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + tokens.accessToken()));
        api.setResponseInterceptor(ProblemResponses::throwIfError);
        return new HelioAdminClient(api);
    }

    public TenantsApi tenants() {
        return tenants;
    }

    public ApplicationsApi applications() {
        return applications;
    }

    public AuditApi audit() {
        return audit;
    }

    public UsersApi users() {
        return users;
    }

    public UsageApi usage() {
        return usage;
    }
}
