package io.helio.sdk;

import io.helio.sdk.platform.api.AlertsApi;
import io.helio.sdk.platform.api.AssetTreesApi;
import io.helio.sdk.platform.api.CommandsApi;
import io.helio.sdk.platform.api.DeviceCertificatesApi;
import io.helio.sdk.platform.api.DevicesApi;
import io.helio.sdk.platform.api.ProductsApi;
import io.helio.sdk.platform.api.RulesApi;
import io.helio.sdk.platform.api.ThingModelsApi;
import io.helio.sdk.platform.api.TimeSeriesApi;
import io.helio.sdk.platform.invoker.ApiClient;
import io.helio.sdk.platform.model.AlertChange;
import io.helio.sdk.platform.model.LiveMeasurePoints;
import io.helio.sdk.platform.model.RawDataRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

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

    // each generated API builds its own HttpClient (threads, connections): build each once
    private final ThingModelsApi thingModels;
    private final ProductsApi products;
    private final DevicesApi devices;
    private final DeviceCertificatesApi deviceCertificates;
    private final TimeSeriesApi timeSeries;
    private final AssetTreesApi assetTrees;
    private final RulesApi rules;
    private final AlertsApi alerts;
    private final CommandsApi commands;
    private final StreamingCalls streams;

    private HelioClient(ApiClient api, StreamingCalls streams) {
        this.thingModels = new ThingModelsApi(api);
        this.products = new ProductsApi(api);
        this.devices = new DevicesApi(api);
        this.deviceCertificates = new DeviceCertificatesApi(api);
        this.timeSeries = new TimeSeriesApi(api);
        this.assetTrees = new AssetTreesApi(api);
        this.rules = new RulesApi(api);
        this.alerts = new AlertsApi(api);
        this.commands = new CommandsApi(api);
        this.streams = streams;
    }

    /** Connects to the platform at {@code baseUrl} as the application with these client credentials. */
    public static HelioClient connect(String baseUrl, String clientId, String clientSecret) {
        HttpClient.Builder http = Transport.httpClient();
        ClientCredentialsTokens tokens = tokens(http.build(), baseUrl, clientId, clientSecret);
        ApiClient api = new ApiClient(http, ApiClient.createDefaultObjectMapper(), baseUrl);
        api.setReadTimeout(Transport.REQUEST_TIMEOUT);
        api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + tokens.accessToken()));
        api.setResponseInterceptor(ProblemResponses::throwIfError);
        return new HelioClient(
                api, new StreamingCalls(http.build(), URI.create(baseUrl), tokens::accessToken, api.getObjectMapper()));
    }

    static ClientCredentialsTokens tokens(HttpClient http, String baseUrl, String clientId, String clientSecret) {
        URI tokenEndpoint = Discovery.tokenEndpoint(http, URI.create(baseUrl));
        return new ClientCredentialsTokens(http, tokenEndpoint, clientId, clientSecret, Clock.systemUTC());
    }

    public ThingModelsApi thingModels() {
        return thingModels;
    }

    public ProductsApi products() {
        return products;
    }

    public DevicesApi devices() {
        return devices;
    }

    /** Devices' X.509 client certificates, for products that require them. */
    public DeviceCertificatesApi deviceCertificates() {
        return deviceCertificates;
    }

    public TimeSeriesApi timeSeries() {
        return timeSeries;
    }

    public AssetTreesApi assetTrees() {
        return assetTrees;
    }

    public RulesApi rules() {
        return rules;
    }

    public AlertsApi alerts() {
        return alerts;
    }

    public CommandsApi commands() {
        return commands;
    }

    /**
     * Alerts as they open, recover, are acknowledged or closed (Server-Sent Events), until the stream
     * is closed; only the rule's when {@code ruleId} is not null.
     */
    public Stream<AlertChange> liveAlerts(@Nullable String ruleId) {
        return streams.alerts(ruleId);
    }

    /**
     * Every raw record of the devices' points in {@code [start, end)} (ISO-8601 with an offset, or
     * epoch milliseconds), oldest first, read as the platform sends them: a range of any size in
     * bounded memory. Close the stream (try-with-resources) to stop early.
     */
    public Stream<RawDataRecord> streamRawRecords(
            String productKey, List<String> deviceKeys, List<String> points, String start, String end) {
        return streams.rawRecords(productKey, deviceKeys, points, start, end);
    }

    /**
     * New values of the devices' points as the platform accepts them (Server-Sent Events), until the
     * stream is closed: iterating it waits for the next event. {@code dropped} in an event counts
     * what this stream lost before it because it was read too slowly.
     */
    public Stream<LiveMeasurePoints> liveMeasurePoints(
            String productKey, List<String> deviceKeys, List<String> points) {
        return streams.live(productKey, deviceKeys, points);
    }
}
