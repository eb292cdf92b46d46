package io.helio.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's batched writes to InfluxDB ({@code helio.influx.writes}) between two moments,
 * read from its Prometheus histogram: how many, and their latency percentiles to the bucket's
 * bound. Shows how much of a reply's latency the store itself took.
 */
final class WriteTimings {

    private static final Pattern BUCKET =
            Pattern.compile("^helio_influx_writes_seconds_bucket\\{.*le=\"([^\"]+)\".*} ([0-9.Ee+]+)$");

    /** Cumulative counts by upper bound in seconds, as the histogram holds them. */
    private final TreeMap<Double, Double> cumulative;

    private WriteTimings(TreeMap<Double, Double> cumulative) {
        this.cumulative = cumulative;
    }

    /** The histogram in the platform's {@code /actuator/prometheus} text. */
    static WriteTimings parse(String text) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher bucket = BUCKET.matcher(line);
            if (bucket.matches()) {
                double bound =
                        bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1));
                cumulative.put(bound, Double.parseDouble(bucket.group(2)));
            }
        }
        return new WriteTimings(cumulative);
    }

    /** The writes made since {@code earlier}. */
    WriteTimings since(WriteTimings earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        cumulative.forEach((bound, count) -> delta.put(bound, count - earlier.cumulative.getOrDefault(bound, 0.0)));
        return new WriteTimings(delta);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue().longValue();
    }

    /** The bucket bound, in milliseconds, at or below which {@code fraction} of the writes took. */
    double percentileMillis(double fraction) {
        double wanted = fraction * count();
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= wanted) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    /** "n writes, p50 ≤ x ms, p99 ≤ y ms, slowest ≤ z ms": a reply's tail follows the slowest writes */
    String describe() {
        return String.format(
                "%,d writes to InfluxDB, p50 ≤ %.1f ms, p99 ≤ %.1f ms, slowest ≤ %.1f ms",
                count(), percentileMillis(0.50), percentileMillis(0.99), percentileMillis(1.0));
    }
}
