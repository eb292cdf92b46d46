package io.helio.bench;

import io.helio.local.LocalStack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rollups' continuous queries cost influxd, against what storing the raw data costs it, in
 * the same run. Minutes of data of {@code devices} × {@code points} at {@code rate} messages a
 * second each are written straight to a new tenant's database, three hours back, where the
 * continuous queries themselves never look. Then each rollup's query, as tenant-admin created it,
 * is run by hand over its look-back, as influxd runs it every interval, and influxd's CPU time is
 * read around each run.
 */
public final class RollupBenchmark {

    private static final int BATCH_LINES = 5_000;

    private static final int MINUTE_RUNS = 3;

    /** The look-back the minute rollup had before it was cut to 2 minutes, run once for comparison. */
    private static final Duration EARLIER_LOOK_BACK = Duration.ofMinutes(10);

    /** "CREATE CONTINUOUS QUERY rollup_1m ON helio_x RESAMPLE EVERY 1m FOR 2m BEGIN SELECT ... END", as influxd shows it. */
    private static final Pattern DEFINITION = Pattern.compile(
            "CREATE CONTINUOUS QUERY (\\w+) ON \\w+ RESAMPLE EVERY (\\w+) FOR (\\w+) BEGIN (.*?) END\"");

    private RollupBenchmark() {}

    /** One rollup's continuous query: how often it runs, how far back, and what. */
    private record ContinuousQuery(String name, Duration every, Duration lookBack, String select) {

        String over(Instant start, Instant end) {
            return select.replace(
                    " GROUP BY ",
                    " WHERE time >= " + start.toEpochMilli() + "ms AND time < " + end.toEpochMilli() + "ms GROUP BY ");
        }
    }

    public static void main(String[] args) throws Exception {
        int devices = BenchRun.argument(args, 0, 1_000);
        int points = BenchRun.argument(args, 1, 10);
        int rate = BenchRun.argument(args, 2, 10);
        int minutes = BenchRun.argument(args, 3, 10);
        long pointsPerSecond = (long) devices * points * rate;
        StringBuilder report = BenchRun.report("Helio rollup benchmark")
                .append(String.format(
                        "%d minutes of %d devices × %d points at %d messages/s each (%,d points/s) written straight"
                                + " to a tenant's database, then each rollup's continuous query, as tenant-admin"
                                + " created it, run by hand over its look-back; influxd's CPU time around each.%n%n",
                        minutes, devices, points, rate, pointsPerSecond));
        try (BenchRun run = BenchRun.start("rollups")) {
            LocalStack stack = run.stack();
            BenchTenant tenant = BenchTenant.create(stack, "rollupbench", points);
            String database = "helio_" + tenant.tenantId();
            String influx = stack.influxUrl();
            long influxd = stack.influxdPid();

            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
            Instant start = end.minus(Duration.ofMinutes(minutes));
            CpuUse storing = CpuUse.start(Map.of("influxd", influxd));
            write(influx, database, tenant.productKey(), devices, points, rate, start, end);
            String settled = InfluxdSettling.await(influxd);
            double storingSeconds = storing.secondsSinceStart("influxd");
            double storingPerMinute = storingSeconds / minutes;
            report.append(String.format(
                    "Storing it: %.1f s of influxd CPU (writes, then its cache to TSM files and compactions), %.1f s"
                            + " for each minute of data (%s). That is the baseline below.%n%n",
                    storingSeconds, storingPerMinute, settled));

            report.append("| query | over | runs every | influxd CPU per run | wall per run | its CPU ÷ storing's,"
                            + " per minute | cores it keeps busy |\n")
                    .append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
            for (ContinuousQuery query : continuousQueries(influx, database)) {
                List<Duration> lookBacks = new ArrayList<>(List.of(query.lookBack()));
                if (query.every().equals(Duration.ofMinutes(1))
                        && !query.lookBack().equals(EARLIER_LOOK_BACK)
                        && minutes >= EARLIER_LOOK_BACK.toMinutes()) {
                    lookBacks.add(EARLIER_LOOK_BACK);
                }
                for (Duration lookBack : lookBacks) {
                    report.append(timedRuns(influx, influxd, database, query, lookBack, start, end, storingPerMinute));
                }
            }
            report.append(String.format(
                    "%nA run over more than the %d minutes written reads only those, so its figure is measured over"
                            + " them and scaled up to the look-back (marked ≈). On this machine influxd has 2 cores"
                            + " for everything: storing the data, the rollups and every query.%n",
                    minutes));
        }
        BenchRun.write("rollup-bench-report.md", report);
    }

    /** A table row: the query run over {@code lookBack} before {@code end} (or over all there is, scaled up). */
    private static String timedRuns(
            String influx,
            long influxd,
            String database,
            ContinuousQuery query,
            Duration lookBack,
            Instant start,
            Instant end,
            double storingPerMinute) {
        Instant from = end.minus(lookBack).isBefore(start) ? start : end.minus(lookBack);
        double scale =
                (double) lookBack.toMillis() / Duration.between(from, end).toMillis();
        int runs = lookBack.equals(query.lookBack()) && query.every().equals(Duration.ofMinutes(1)) ? MINUTE_RUNS : 1;
        double cpu = 0;
        double wall = 0;
        for (int i = 0; i < runs; i++) {
            CpuUse use = CpuUse.start(Map.of("influxd", influxd));
            long started = System.nanoTime();
            String answer =
                    BenchHttp.post(influx + "/query?db=" + database, "q=" + encoded(query.over(from, end)), 200);
            if (answer.contains("\"error\"")) {
                throw new IllegalStateException(query.name() + " failed: " + answer);
            }
            wall += (System.nanoTime() - started) / 1e9;
            cpu += use.secondsSinceStart("influxd");
        }
        cpu = cpu / runs * scale;
        wall = wall / runs * scale;
        double perMinute = cpu / (query.every().toSeconds() / 60.0);
        String approx = scale > 1.0001 ? "≈ " : "";
        return String.format(
                "| %s%s | %d min | %d min | %s%.1f s | %s%.1f s | %s%.2f | %s%.2f |%n",
                query.name(),
                lookBack.equals(query.lookBack()) ? "" : " (its earlier look-back)",
                lookBack.toMinutes(),
                query.every().toMinutes(),
                approx,
                cpu,
                approx,
                wall,
                approx,
                perMinute / storingPerMinute,
                approx,
                cpu / query.every().toSeconds());
    }

    /** Every rollup query of the database, as influxd shows it. */
    private static List<ContinuousQuery> continuousQueries(String influx, String database) {
        String shown = BenchHttp.post(influx + "/query", "q=" + encoded("SHOW CONTINUOUS QUERIES"), 200);
        List<ContinuousQuery> queries = new ArrayList<>();
        Matcher definition = DEFINITION.matcher(shown);
        while (definition.find()) {
            if (definition.group(0).contains(" ON " + database + " ")) {
                queries.add(new ContinuousQuery(
                        definition.group(1),
                        duration(definition.group(2)),
                        duration(definition.group(3)),
                        definition.group(4)));
            }
        }
        if (queries.isEmpty()) {
            throw new IllegalStateException("no continuous queries on " + database + " in " + shown);
        }
        return queries;
    }

    /** InfluxQL's "2m", "1h", "1h30m" (as influxd shows durations). */
    private static Duration duration(String text) {
        Duration total = Duration.ZERO;
        Matcher part = Pattern.compile("(\\d+)([smhd])").matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        return total;
    }

    /** Every device's message at every step of {@code [start, end)}, in batches as the platform writes them. */
    private static void write(
            String influx,
            String database,
            String measurement,
            int devices,
            int points,
            int rate,
            Instant start,
            Instant end) {
        String url = influx + "/write?db=" + database + "&precision=ms";
        long step = 1_000 / rate;
        StringBuilder batch = new StringBuilder();
        int lines = 0;
        for (long time = start.toEpochMilli(); time < end.toEpochMilli(); time += step) {
            for (int d = 0; d < devices; d++) {
                DeviceLines.append(batch, measurement, d, points, time / step, time);
                if (++lines == BATCH_LINES) {
                    BenchHttp.post(url, batch.toString(), 204);
                    batch.setLength(0);
                    lines = 0;
                }
            }
        }
        if (lines > 0) {
            BenchHttp.post(url, batch.toString(), 204);
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
