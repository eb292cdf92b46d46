package io.helio.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain GETs of the services' own statistics and of influxd, and POSTs to influxd, from the benchmark's side. */
final class BenchHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchHttp() {}

    /** The body of a GET of {@code url}. */
    static String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).build()).body();
    }

    /**
     * The body of the answer to {@code body} POSTed to {@code url} as a form (how influxd's
     * {@code /query} takes its statements; {@code /write} reads lines whatever the type); fails unless
     * the answer's status is {@code expected}.
     */
    static String post(String url, String body, int expected) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + request.uri(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + request.uri(), e);
        }
    }
}
