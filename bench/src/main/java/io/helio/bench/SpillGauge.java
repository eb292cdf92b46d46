package io.helio.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's {@code helio.spill.bytes}: points it acknowledged from its disk spill and has not
 * yet written to InfluxDB. A spill that grows through a phase means the phase's rate was not one
 * InfluxDB could take; one left over from a phase is replayed during the next, on the same cores.
 */
final class SpillGauge {

    private static final Pattern BYTES = Pattern.compile("(?m)^helio_spill_bytes(?:\\{[^}]*})? ([0-9.Ee+]+)$");

    private SpillGauge() {}

    /** The spill's bytes in the platform's {@code /actuator/prometheus} text. */
    static long bytes(String metrics) {
        Matcher gauge = BYTES.matcher(metrics);
        if (!gauge.find()) {
            throw new IllegalStateException("the platform's metrics have no helio_spill_bytes");
        }
        return (long) Double.parseDouble(gauge.group(1));
    }

    /**
     * Waits, at most {@code atMost}, for the platform to have replayed its spill, so that a phase
     * measures its own rate and not the replay of an earlier one; tells how the wait went.
     */
    static String awaitEmpty(String platformUrl, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        String metrics = BenchHttp.get(platformUrl + "/actuator/prometheus");
        if (bytes(metrics) == 0) {
            return "the spill was empty";
        }
        String found = describe(metrics);
        while (bytes(metrics) > 0 && System.nanoTime() - start < atMost.toNanos()) {
            Thread.sleep(250);
            metrics = BenchHttp.get(platformUrl + "/actuator/prometheus");
        }
        double waited = (System.nanoTime() - start) / 1e9;
        return bytes(metrics) == 0
                ? String.format("the %s left in the spill were replayed in %.1f s, devices idle", found, waited)
                : String.format("the spill held %s, and still %s after %.0f s", found, describe(metrics), waited);
    }

    /** "12.3 MiB" */
    static String describe(String metrics) {
        return String.format("%.1f MiB", bytes(metrics) / (1024.0 * 1024));
    }
}
