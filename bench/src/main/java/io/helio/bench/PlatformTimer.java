package io.helio.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the platform's timers between two moments, read from its Prometheus histogram: how many
 * it timed, and their percentiles to the bucket's bound. Its batched writes to InfluxDB show how much
 * of a reply's latency the store took; its own time per device request, how much the platform took
 * (the rest is the broker, the network and the devices).
 */
final class PlatformTimer {

    /** {@code helio.influx.writes}: the platform's batched writes of new points to InfluxDB. */
    static final String INFLUX_WRITES = "helio_influx_writes";

    /** {@code helio.influx.acceptance}: device writes, from queued to stored in InfluxDB or the spill. */
    static final String ACCEPTANCE = "helio_influx_acceptance";

    /** {@code helio.device.requests}: MQTT requests, from the broker handing one over to its reply. */
    static final String DEVICE_REQUESTS = "helio_device_requests";

    /** Cumulative counts by upper bound in seconds, as the histogram holds them. */
    private final TreeMap<Double, Double> cumulative;

    private PlatformTimer(TreeMap<Double, Double> cumulative) {
        this.cumulative = cumulative;
    }

    /** The timer's histogram in the platform's {@code /actuator/prometheus} text. */
    static PlatformTimer parse(String text, String timer) {
        Pattern buckets = Pattern.compile("^" + timer + "_seconds_bucket\\{.*le=\"([^\"]+)\".*} ([0-9.Ee+]+)$");
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher bucket = buckets.matcher(line);
            if (bucket.matches()) {
                double bound =
                        bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1));
                cumulative.put(bound, Double.parseDouble(bucket.group(2)));
            }
        }
        return new PlatformTimer(cumulative);
    }

    /** What was timed since {@code earlier}. */
    PlatformTimer since(PlatformTimer earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        cumulative.forEach((bound, count) -> delta.put(bound, count - earlier.cumulative.getOrDefault(bound, 0.0)));
        return new PlatformTimer(delta);
    }

    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue().longValue();
    }

    /** The bucket bound, in milliseconds, at or below which {@code fraction} of what was timed took. */
    double percentileMillis(double fraction) {
        double wanted = fraction * count();
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= wanted) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.NaN;
    }

    /** "n {what}, p50 ≤ x ms, p99 ≤ y ms, slowest ≤ z ms". */
    String describe(String what) {
        return String.format(
                "%,d %s, p50 ≤ %.1f ms, p99 ≤ %.1f ms, slowest ≤ %.1f ms",
                count(), what, percentileMillis(0.50), percentileMillis(0.99), percentileMillis(1.0));
    }
}
