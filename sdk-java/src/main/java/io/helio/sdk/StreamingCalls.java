package io.helio.sdk;

import io.helio.sdk.platform.model.AlertChange;
import io.helio.sdk.platform.model.LiveMeasurePoints;
import io.helio.sdk.platform.model.RawDataRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The platform's streamed answers, read a line at a time as they arrive (the generated client
 * would wait for the whole body): raw records as NDJSON, and the live stream's Server-Sent Events.
 */
final class StreamingCalls {

    private static final String DATA_FIELD = "data:";

    private final HttpClient http;
    private final URI baseUrl;
    private final Supplier<String> accessToken;
    private final ObjectMapper json;

    StreamingCalls(HttpClient http, URI baseUrl, Supplier<String> accessToken, ObjectMapper json) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
        this.json = json;
    }

    Stream<RawDataRecord> rawRecords(
            String productKey, List<String> deviceKeys, List<String> points, String start, String end) {
        String query = series(productKey, deviceKeys, points) + "&start=" + encoded(start) + "&end=" + encoded(end);
        return lines("/timeseries/raw/records?" + query, "application/x-ndjson")
                .filter(line -> !line.isBlank())
                .map(line -> json.readValue(line, RawDataRecord.class));
    }

    Stream<LiveMeasurePoints> live(String productKey, List<String> deviceKeys, List<String> points) {
        return events("/timeseries/live?" + series(productKey, deviceKeys, points), LiveMeasurePoints.class);
    }

    Stream<AlertChange> alerts(@Nullable String ruleId) {
        return events("/alerts/live" + (ruleId == null ? "" : "?ruleId=" + encoded(ruleId)), AlertChange.class);
    }

    /** Each event's {@code data} line; comments and blank separators are skipped. */
    private <T> Stream<T> events(String pathAndQuery, Class<T> type) {
        return lines(pathAndQuery, "text/event-stream")
                .filter(line -> line.startsWith(DATA_FIELD))
                .map(line -> json.readValue(line.substring(DATA_FIELD.length()).strip(), type));
    }

    private Stream<String> lines(String pathAndQuery, String accept) {
        // no request timeout: the body of a stream may take as long as it takes
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                .header("Accept", accept)
                .header("Authorization", "Bearer " + accessToken.get())
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("the platform did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the platform", e);
        }
        ProblemResponses.throwIfError(response);
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        return lines.lines().onClose(() -> {
            try {
                lines.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String series(String productKey, List<String> deviceKeys, List<String> points) {
        StringBuilder query = new StringBuilder("productKey=").append(encoded(productKey));
        deviceKeys.forEach(device -> query.append("&deviceKey=").append(encoded(device)));
        points.forEach(point -> query.append("&point=").append(encoded(point)));
        return query.toString();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
