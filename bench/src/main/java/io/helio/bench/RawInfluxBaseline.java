package io.helio.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The baseline: line protocol written straight to the same influxd, as the platform writes it (one
 * writer, 5,000-line batches, one line per device message with the same fields), in measure points
 * (fields) a second.
 */
final class RawInfluxBaseline {

    private static final int BATCH_LINES = 5_000;

    private RawInfluxBaseline() {}

    static double pointsPerSecond(String influxUrl, int fieldsPerLine, int lines) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String database = "bench_baseline";
        send(
                http,
                influxUrl + "/query",
                "q=" + URLEncoder.encode("CREATE DATABASE " + database, StandardCharsets.UTF_8));
        long time = System.currentTimeMillis() - 3_600_000;
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < fieldsPerLine; i++) {
            fields.append(i == 0 ? "" : ",").append('p').append(i).append('=').append(20.5 + i);
        }
        long started = System.nanoTime();
        for (int written = 0; written < lines; written += BATCH_LINES) {
            StringBuilder batch = new StringBuilder(BATCH_LINES * (fields.length() + 40));
            for (int i = 0; i < BATCH_LINES; i++) {
                batch.append("bench,device=d")
                        .append(i % 1_000)
                        .append(' ')
                        .append(fields)
                        .append(' ')
                        .append(time + written + i)
                        .append('\n');
            }
            int status = send(http, influxUrl + "/write?db=" + database + "&precision=ms", batch.toString());
            if (status != 204) {
                throw new IllegalStateException("influxd answered " + status + " to a baseline write");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return (double) lines * fieldsPerLine / seconds;
    }

    private static int send(HttpClient http, String url, String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
