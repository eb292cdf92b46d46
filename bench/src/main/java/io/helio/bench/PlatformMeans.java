package io.helio.bench;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a timed call's time went, on average, from the platform's Prometheus counters read before
 * and after the calls: inside the platform (its HTTP server's time, request in to answer written) and,
 * of that, waiting for influxd's answers ({@code helio.influx.queries}: sent to received whole). The
 * client's mean beyond the first is the network and the client; the first beyond the second is the
 * platform's own work.
 */
final class PlatformMeans {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(?:\\{(.*)})? ([0-9.Ee+-]+)$");

    private final String metricsUrl;
    private String atOpen = "";
    private String atClose = "";

    PlatformMeans(String platformUrl) {
        this.metricsUrl = platformUrl + "/actuator/prometheus";
    }

    void open() {
        atOpen = BenchHttp.get(metricsUrl);
    }

    void close() {
        atClose = BenchHttp.get(metricsUrl);
    }

    /** "9.1 ms, of which influxd 5.2 ms (1.0 queries a call)" between {@link #open} and {@link #close}. */
    String describe() {
        double[] server = since("http_server_requests_seconds", labels -> !labels.contains("/actuator"));
        double[] influx = since("helio_influx_queries_seconds", labels -> true);
        String inPlatform = String.format("%.1f ms", mean(server));
        return influx[1] == 0
                ? inPlatform + ", no influxd answer timed"
                : String.format(
                        "%s, of which influxd %.1f ms (%.1f queries a call)",
                        inPlatform, mean(influx), influx[1] / server[1]);
    }

    private static double mean(double[] sumAndCount) {
        return sumAndCount[1] == 0 ? Double.NaN : 1000 * sumAndCount[0] / sumAndCount[1];
    }

    /** Seconds and count of {@code timer}'s samples whose labels pass, added between open and close. */
    private double[] since(String timer, Predicate<String> labels) {
        double[] after = total(atClose, timer, labels);
        double[] before = total(atOpen, timer, labels);
        return new double[] {after[0] - before[0], after[1] - before[1]};
    }

    private static double[] total(String metrics, String timer, Predicate<String> labels) {
        double[] sumAndCount = new double[2];
        for (String line : metrics.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !labels.test(sample.group(2) == null ? "" : sample.group(2))) {
                continue;
            }
            if (sample.group(1).equals(timer + "_sum")) {
                sumAndCount[0] += Double.parseDouble(sample.group(3));
            } else if (sample.group(1).equals(timer + "_count")) {
                sumAndCount[1] += Double.parseDouble(sample.group(3));
            }
        }
        return sumAndCount;
    }
}
