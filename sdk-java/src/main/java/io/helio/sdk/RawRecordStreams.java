package io.helio.sdk;

import io.helio.sdk.platform.model.RawDataRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads {@code GET /timeseries/raw/records} as NDJSON, a record at a time as the platform sends it,
 * so a range of any size passes through bounded memory (the generated client would read it whole).
 */
final class RawRecordStreams {

    private final HttpClient http;
    private final URI baseUrl;
    private final Supplier<String> accessToken;
    private final ObjectMapper json;

    RawRecordStreams(HttpClient http, URI baseUrl, Supplier<String> accessToken, ObjectMapper json) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
        this.json = json;
    }

    Stream<RawDataRecord> open(
            String productKey, List<String> deviceKeys, List<String> points, String start, String end) {
        StringBuilder query = new StringBuilder("productKey=").append(encoded(productKey));
        deviceKeys.forEach(device -> query.append("&deviceKey=").append(encoded(device)));
        points.forEach(point -> query.append("&point=").append(encoded(point)));
        query.append("&start=").append(encoded(start)).append("&end=").append(encoded(end));
        var request = Transport.request(baseUrl.resolve("/timeseries/raw/records?" + query))
                .header("Accept", "application/x-ndjson")
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
        return lines.lines()
                .filter(line -> !line.isBlank())
                .map(line -> json.readValue(line, RawDataRecord.class))
                .onClose(() -> {
                    try {
                        lines.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
