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

    private final ApiClient api;

    private HelioAdminClient(ApiClient api) {
        this.api = api;
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
        return new TenantsApi(api);
    }

    public ApplicationsApi applications() {
        return new ApplicationsApi(api);
    }

    public AuditApi audit() {
        return new AuditApi(api);
    }

    public UsersApi users() {
        return new UsersApi(api);
    }

    public UsageApi usage() {
        return new UsageApi(api);
    }
}
