package io.helio.sdk;

import io.helio.sdk.platform.api.AssetTreesApi;
import io.helio.sdk.platform.api.DevicesApi;
import io.helio.sdk.platform.api.ProductsApi;
import io.helio.sdk.platform.api.ThingModelsApi;
import io.helio.sdk.platform.api.TimeSeriesApi;
import io.helio.sdk.platform.invoker.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * A third-party application's client of the Helio platform API.
 *
 * <pre>{@code
 * HelioClient helio = HelioClient.connect("https://helio.example.com", clientId, clientSecret);
 * Device device = helio.devices().getDevice(productKey, deviceKey);
 * }</pre>
 *
 * Failures arrive as {@link HelioApiException} with the platform's error code.
 */
public final class HelioClient {

    private final ApiClient api;

    private HelioClient(ApiClient api) {
        this.api = api;
    }

    /** Connects to the platform at {@code baseUrl} as the application with these client credentials. */
    public static HelioClient connect(String baseUrl, String clientId, String clientSecret) {
        HttpClient.Builder http = Transport.httpClient();
        ClientCredentialsTokens tokens = tokens(http.build(), baseUrl, clientId, clientSecret);
        ApiClient api = new ApiClient(http, ApiClient.createDefaultObjectMapper(), baseUrl);
        api.setReadTimeout(Transport.REQUEST_TIMEOUT);
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + tokens.accessToken()));
        api.setResponseInterceptor(ProblemResponses::throwIfError);
        return new HelioClient(api);
    }

    static ClientCredentialsTokens tokens(HttpClient http, String baseUrl, String clientId, String clientSecret) {
        URI tokenEndpoint = Discovery.tokenEndpoint(http, URI.create(baseUrl));
        return new ClientCredentialsTokens(http, tokenEndpoint, clientId, clientSecret, Clock.systemUTC());
    }

    public ThingModelsApi thingModels() {
        return new ThingModelsApi(api);
    }

    public ProductsApi products() {
        return new ProductsApi(api);
    }

    public DevicesApi devices() {
        return new DevicesApi(api);
    }

    public TimeSeriesApi timeSeries() {
        return new TimeSeriesApi(api);
    }

    public AssetTreesApi assetTrees() {
        return new AssetTreesApi(api);
    }
}
