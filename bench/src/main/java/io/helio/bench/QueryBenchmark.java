package io.helio.bench;

import io.helio.local.LocalStack;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.DeviceCreate;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The time-series queries against the same InfluxQL sent straight to influxd, Helio's calls and
 * influxd's taking turns in blocks on one keep-alive connection each, in the same run: the floor (a
 * call to each that reads nothing), latest values, a raw page of 10,000 values, a day of one device
 * streamed (NDJSON and a JSON array), and a day of 1-second
 * data of 10 devices in 1-minute buckets (from raw data like the baseline, and as Helio answers it by
 * default, from the minute rollup); the raw page and the rollup's buckets also as columns. Prints and
 * writes a report.
 *
 * <p>{@code ./helio bench queries [calls]}
 */
public final class QueryBenchmark {

    private static final int DEVICES = 10;
    private static final int POINTS = 10;

    /**
     * The chunks the platform reads its answers in (StreamedAnswer): raw rows of about 2,000 values
     * (here time, device and the points), aggregates a series a chunk. influxd's answer in chunks
     * arrives no later than whole, and aggregates came sooner: the baseline asks for the same.
     */
    private static final int RAW_CHUNK_ROWS = 2_000 / (2 + POINTS);

    private static final int SERIES_A_CHUNK = 1_000_000;

    /** Calls of each streamed day: each call reads 864,000 values. */
    private static final int STREAM_CALLS = 20;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        StringBuilder report = BenchRun.report("Helio query benchmark")
                .append(calls)
                .append(" calls of each query, Helio's and influxd's taking turns in " + RoundTrips.TURNS
                        + " blocks each (so that both meet the machine in the same state), once the JVMs each passes"
                        + " through (the platform's and this client's) have warmed up on it (see SteadyState); Helio"
                        + " over HTTP with a bearer token, the baseline the same InfluxQL (bound parameters included)"
                        + " to influxd's /query, in the chunks the platform asks for: " + RAW_CHUNK_ROWS
                        + " rows of raw data a chunk, a series a chunk of aggregates (the latest values'"
                        + " baseline whole).\n\n")
                .append("| query | Helio p50 | Helio p99 | influxd p50 | influxd p99 | p99 ratio | target | answer,"
                        + " Helio / influxd | Helio warmed up by |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");

        StringBuilder means = new StringBuilder();
        List<Phase> phases = new ArrayList<>();
        BenchRun run = BenchRun.start("queries");
        LocalStack stack = run.stack();
        Path recording = run.folder().resolve("platform.jfr");
        try {
            Setup setup = Setup.create(stack);
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Instant dayEnd = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
            Instant dayStart = dayEnd.minus(Duration.ofDays(1));
            setup.writeDay(stack.influxUrl(), dayStart);
            String settled = InfluxdSettling.await(stack.influxdPid()) + " The calls began after that.\n\n";

            Jcmd.run(stack.platformPid(), "JFR.start", "name=queries", "settings=profile");
            String devices = deviceParameters();
            Sides sides = new Sides(
                    http,
                    stack.platformUrl(),
                    new long[] {stack.platformPid(), ProcessHandle.current().pid()},
                    new long[] {ProcessHandle.current().pid()});
            String base = stack.platformUrl() + "/timeseries/";
            String product = setup.productKey;

            // what any call to each costs through this client on this machine, with nothing to read: an
            // API operation answered from memory (the actuator's probes hop to other threads)
            report.append(row(
                    "floor: the platform's protected-resource metadata (no token), influxd's `/ping`",
                    sides.inTurn(
                            HttpRequest.newBuilder(
                                            URI.create(stack.platformUrl() + "/.well-known/oauth-protected-resource"))
                                    .build(),
                            HttpRequest.newBuilder(URI.create(stack.influxUrl() + "/ping"))
                                    .build(),
                            calls),
                    "—",
                    means,
                    phases));

            String latestQuery = base + "latest?productKey=" + product + devices + pointParameters();
            StringBuilder latestInflux = new StringBuilder();
            for (int p = 0; p < POINTS; p++) {
                latestInflux
                        .append(p == 0 ? "" : "; ")
                        .append("SELECT last(\"p")
                        .append(p)
                        .append("\") AS \"value\" FROM \"")
                        .append(product)
                        .append("\" WHERE ")
                        .append(deviceCondition())
                        .append(" AND time >= 0ms GROUP BY \"device\"");
            }
            report.append(row(
                    "latest: 10 devices × 10 points",
                    sides.inTurn(
                            helio(latestQuery, setup.token),
                            influx(stack.influxUrl(), setup.database, latestInflux.toString()),
                            calls),
                    "p99 < 5 ms",
                    means,
                    phases));

            Instant rawStart = dayStart.plus(Duration.ofHours(3));
            String rawQuery = base + "raw?productKey=" + product + "&deviceKey=d0" + pointParameters() + "&start="
                    + rawStart.toEpochMilli() + "&end=" + dayEnd.toEpochMilli() + "&limit=1000";
            String rawInflux = rawOfD0(product, rawStart, dayEnd) + " LIMIT 1001 OFFSET 0";
            report.append(row(
                    "raw: 1,000 records × 10 points = 10,000 values",
                    sides.inTurn(
                            helio(rawQuery, setup.token),
                            influx(stack.influxUrl(), setup.database, rawInflux, "{\"d0\":\"d0\"}", RAW_CHUNK_ROWS),
                            calls),
                    "p99 < 50 ms",
                    means,
                    phases));
            report.append(row(
                    "the same page as columns (`/raw/columns`)",
                    sides.inTurn(
                            helio(rawQuery.replace("/raw?", "/raw/columns?"), setup.token),
                            influx(stack.influxUrl(), setup.database, rawInflux, "{\"d0\":\"d0\"}", RAW_CHUNK_ROWS),
                            calls),
                    "p99 < 50 ms",
                    means,
                    phases));

            String dayOfOne = base + "raw/records?productKey=" + product + "&deviceKey=d0" + pointParameters()
                    + "&start=" + dayStart.toEpochMilli() + "&end=" + dayEnd.toEpochMilli();
            HttpRequest dayOfOneInflux = influx(
                    stack.influxUrl(),
                    setup.database,
                    rawOfD0(product, dayStart, dayEnd),
                    "{\"d0\":\"d0\"}",
                    RAW_CHUNK_ROWS);
            report.append(row(
                    "a day of one device streamed: 86,400 records × 10 points (`raw/records`, NDJSON)",
                    sides.inTurn(helio(dayOfOne, setup.token, "application/x-ndjson"), dayOfOneInflux, STREAM_CALLS),
                    "—",
                    means,
                    phases));
            report.append(row(
                    "the same as a JSON array",
                    sides.inTurn(helio(dayOfOne, setup.token), dayOfOneInflux, STREAM_CALLS),
                    "—",
                    means,
                    phases));

            String aggregated = base + "aggregated?productKey=" + product + devices + "&point=p0&start="
                    + dayStart.toEpochMilli() + "&end=" + dayEnd.toEpochMilli() + "&interval=1m&function=avg";
            String aggregatedInflux = "SELECT mean(\"p0\") AS \"p0\" FROM \"" + product + "\" WHERE "
                    + deviceCondition() + " AND time >= " + dayStart.toEpochMilli() + "ms AND time < "
                    + dayEnd.toEpochMilli() + "ms GROUP BY time(60s), \"device\" fill(none) tz('UTC')";
            int aggregateCalls = Math.max(20, calls / 10);
            report.append(row(
                    "1 day of 1-second data, 10 devices, 1-minute avg, from raw data (`source=RAW`)",
                    sides.inTurn(
                            helio(aggregated + "&source=RAW", setup.token),
                            influx(stack.influxUrl(), setup.database, aggregatedInflux, devicesJson(), SERIES_A_CHUNK),
                            aggregateCalls),
                    "p99 < 100 ms",
                    means,
                    phases));
            // minute buckets are the rollup's own: Helio reads its rows as they are
            String rollupInflux = "SELECT \"sum_p0\" / \"count_p0\" AS \"p0\" FROM \"rollup_1m\".\"" + product
                    + "\" WHERE " + deviceCondition() + " AND time >= " + dayStart.toEpochMilli() + "ms AND time < "
                    + dayEnd.toEpochMilli() + "ms GROUP BY \"device\"";
            report.append(row(
                    "the same as Helio answers it by default, from the minute rollup (baseline: the same rollup"
                            + " InfluxQL)",
                    sides.inTurn(
                            helio(aggregated, setup.token),
                            influx(stack.influxUrl(), setup.database, rollupInflux, devicesJson(), SERIES_A_CHUNK),
                            aggregateCalls),
                    "p99 < 100 ms",
                    means,
                    phases));
            report.append(row(
                    "the same from the minute rollup as columns (`/aggregated/columns`)",
                    sides.inTurn(
                            helio(aggregated.replace("/aggregated?", "/aggregated/columns?"), setup.token),
                            influx(stack.influxUrl(), setup.database, rollupInflux, devicesJson(), SERIES_A_CHUNK),
                            aggregateCalls),
                    "p99 < 100 ms",
                    means,
                    phases));
            report.append(String.format(
                            "%nThe aggregate rows ran %d calls each (a day of raw data is 864,000 values a call), the"
                                    + " streamed days %d each.%n%n",
                            aggregateCalls, STREAM_CALLS))
                    .append(settled);
            Jcmd.run(stack.platformPid(), "JFR.stop", "name=queries", "filename=" + recording);
        } finally {
            run.close();
        }
        report.append("## Where Helio's time went\n\nMeans over the timed calls: Helio's as this client timed them,"
                        + " the platform's own (its HTTP server's time, request in to answer written) and of that"
                        + " its wait for influxd's answers (`helio.influx.queries`: sent to received whole; streams"
                        + " are not timed), against influxd's straight.\n\n"
                        + "| query | Helio | in the platform | influxd straight |\n| --- | ---: | --- | ---: |\n")
                .append(means)
                .append("\n## Where the platform's CPU time went\n\n")
                .append(Profile.summary(recording, 15))
                .append("\n## Each query's share of it\n\nThe platform's CPU samples while a query's calls ran"
                        + " (its warm-up included, Helio's calls and influxd's in turn): a whole run's profile"
                        + " hides a query's own costs under the others'.\n");
        for (Phase phase : phases) {
            report.append("\n### ")
                    .append(phase.query())
                    .append("\n\n")
                    .append(Profile.summary(recording, 8, phase.from(), phase.until()));
        }
        BenchRun.write("query-bench-report.md", report);
    }

    /**
     * The query's row of the report; its row of where Helio's time went goes to {@code means}, when its
     * calls ran to {@code phases}.
     */
    private static String row(String query, Compared compared, String target, StringBuilder means, List<Phase> phases) {
        phases.add(new Phase(query, compared.from(), compared.until()));
        Latencies helio = compared.timed().first().latencies();
        Latencies influx = compared.timed().second().latencies();
        means.append(String.format(
                "| %s | %.1f ms | %s | %.1f ms |%n",
                query, helio.meanMillis(), compared.inPlatform(), influx.meanMillis()));
        return String.format(
                "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f | %s | %,d / %,d KB | %s |%n",
                query,
                helio.percentileMillis(0.5),
                helio.percentileMillis(0.99),
                influx.percentileMillis(0.5),
                influx.percentileMillis(0.99),
                helio.percentileMillis(0.99) / influx.percentileMillis(0.99),
                target,
                compared.helioBytes() / 1024,
                compared.influxdBytes() / 1024,
                compared.timed().first().warmUp());
    }

    /** The two sides timed in turn, where Helio's time went in the platform, and each one's answer size. */
    private record Compared(
            RoundTrips.Paired timed,
            String inPlatform,
            int helioBytes,
            int influxdBytes,
            Instant from,
            Instant until) {}

    /** When a query's calls ran. */
    private record Phase(String query, Instant from, Instant until) {}

    /**
     * The client, the platform, and the JVMs each side's calls pass through ({@code platform}: the
     * platform's and this client's; {@code influxd}: this client's alone).
     */
    private record Sides(HttpClient http, String platformUrl, long[] platform, long[] influxd) {

        /** Times Helio's request against influxd's, taking turns, once each has warmed up; both must succeed. */
        Compared inTurn(HttpRequest helio, HttpRequest baseline, int calls) throws Exception {
            PlatformMeans means = new PlatformMeans(platformUrl);
            Instant from = Instant.now();
            RoundTrips.Paired timed = RoundTrips.timeInTurn(
                    calls, succeeding(http, helio), platform, succeeding(http, baseline), influxd, means);
            Instant until = Instant.now();
            return new Compared(
                    timed, means.describe(), answer(http, helio).length, answer(http, baseline).length, from, until);
        }
    }

    private static RoundTrips.Call succeeding(HttpClient http, HttpRequest request) {
        return () -> answer(http, request);
    }

    /** The body of a successful answer. */
    private static byte[] answer(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        // influxd answers a failed statement with 200 and its error first in the body, /ping with 204
        String opening = new String(answer.body(), 0, Math.min(answer.body().length, 200), StandardCharsets.UTF_8);
        if (answer.statusCode() / 100 != 2 || opening.contains("\"error\"")) {
            throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": " + opening);
        }
        return answer.body();
    }

    private static HttpRequest helio(String uri, String token) {
        return helio(uri, token, "application/json");
    }

    private static HttpRequest helio(String uri, String token, String accept) {
        return HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token)
                .header("Accept", accept)
                .build();
    }

    private static HttpRequest influx(String influxUrl, String database, String statement) {
        return influx(influxUrl, database, statement, devicesJson(), 0);
    }

    /** The statement to influxd's /query, answered whole or in chunks of {@code chunkRows} rows. */
    private static HttpRequest influx(
            String influxUrl, String database, String statement, String parameters, int chunkRows) {
        String chunks = chunkRows > 0 ? "&chunked=true&chunk_size=" + chunkRows : "";
        return HttpRequest.newBuilder(URI.create(influxUrl + "/query?epoch=ms&db=" + database + "&q="
                        + encoded(statement) + "&params=" + encoded(parameters) + chunks))
                .header("Accept", "application/json")
                .build();
    }

    /** Device d0's points in {@code [start, end)}, oldest first, as the platform asks influxd for raw records. */
    private static String rawOfD0(String product, Instant start, Instant end) {
        StringBuilder fields = new StringBuilder();
        for (int p = 0; p < POINTS; p++) {
            fields.append(", \"p").append(p).append("\"::field");
        }
        return "SELECT \"device\"::tag" + fields + " FROM \"" + product
                + "\" WHERE (\"device\"::tag = $d0) AND time >= " + start.toEpochMilli() + "ms AND time < "
                + end.toEpochMilli() + "ms ORDER BY time ASC";
    }

    private static String deviceParameters() {
        StringBuilder devices = new StringBuilder();
        IntStream.range(0, DEVICES).forEach(d -> devices.append("&deviceKey=d").append(d));
        return devices.toString();
    }

    private static String pointParameters() {
        StringBuilder points = new StringBuilder();
        IntStream.range(0, POINTS).forEach(p -> points.append("&point=p").append(p));
        return points.toString();
    }

    private static String deviceCondition() {
        List<String> conditions = new ArrayList<>();
        IntStream.range(0, DEVICES).forEach(d -> conditions.add("\"device\"::tag = $d" + d));
        return "(" + String.join(" OR ", conditions) + ")";
    }

    private static String devicesJson() {
        List<String> bound = new ArrayList<>();
        IntStream.range(0, DEVICES).forEach(d -> bound.add("\"d" + d + "\":\"d" + d + "\""));
        return "{" + String.join(",", bound) + "}";
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A tenant without limits, a model of 10 DOUBLE points, 10 devices, and an access token of its application. */
    private record Setup(String productKey, String database, String token) {

        static Setup create(LocalStack stack) throws Exception {
            BenchTenant tenant = BenchTenant.create(stack, "querybench", POINTS);
            String productKey = tenant.productKey();
            HelioClient app = tenant.app();
            for (int d = 0; d < DEVICES; d++) {
                app.devices()
                        .createDevice(
                                productKey, new DeviceCreate().name("d" + d).deviceKey("d" + d));
            }
            return new Setup(
                    productKey,
                    "helio_" + tenant.tenantId(),
                    token(stack.adminUrl(), tenant.clientId(), tenant.clientSecret()));
        }

        /** A day of 1-second values of every point of every device, and its rollups as the continuous queries make them. */
        void writeDay(String influxUrl, Instant start) {
            long first = start.toEpochMilli();
            for (long hour = 0; hour < 24; hour++) {
                StringBuilder lines = new StringBuilder(3_600 * DEVICES * 160);
                for (int second = 0; second < 3_600; second++) {
                    long time = first + (hour * 3_600 + second) * 1_000;
                    for (int d = 0; d < DEVICES; d++) {
                        DeviceLines.append(lines, productKey, d, POINTS, second, time);
                    }
                }
                BenchHttp.post(influxUrl + "/write?precision=ms&db=" + database, lines.toString(), 204);
            }
            for (String[] rollup : List.of(new String[] {"rollup_1m", "1m"}, new String[] {"rollup_1h", "1h"})) {
                BenchHttp.post(
                        influxUrl + "/query?db=" + database,
                        "q="
                                + encoded("SELECT count(*), sum(*), min(*), max(*), first(*), last(*) INTO \""
                                        + rollup[0] + "\".:MEASUREMENT FROM /.*/ WHERE time >= " + first
                                        + "ms AND time < "
                                        + (first + 86_400_000L) + "ms GROUP BY time(" + rollup[1] + "), *"),
                        200);
            }
        }

        private static String token(String adminUrl, String clientId, String secret) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl + "/oauth2/token"))
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            String answer = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString())
                    .body();
            int at = answer.indexOf("\"access_token\":\"") + 16;
            return answer.substring(at, answer.indexOf('"', at));
        }
    }
}
