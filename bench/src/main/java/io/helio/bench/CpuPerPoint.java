package io.helio.bench;

import java.util.Map;

/**
 * What each process spent in CPU per point stored at a measured rate, and the ceiling that puts on
 * the ratio to the baseline: on one machine the simulated devices and influxd share the cores with
 * the platform, so even a platform that cost nothing could go no faster than they leave room for.
 */
final class CpuPerPoint {

    private CpuPerPoint() {}

    /**
     * A table of {@code cores} (by process) a point at {@code pointsPerSecond}, and the ceiling were
     * the process named {@code free} to cost nothing.
     */
    static String describe(Map<String, Double> cores, double pointsPerSecond, String free, double baseline) {
        int machine = Runtime.getRuntime().availableProcessors();
        StringBuilder table = new StringBuilder("| process | cores | CPU µs a point |\n| --- | ---: | ---: |\n");
        double othersMicros = 0;
        for (Map.Entry<String, Double> process : cores.entrySet()) {
            double micros = process.getValue() * 1e6 / pointsPerSecond;
            table.append(String.format("| %s | %.2f | %.1f |%n", process.getKey(), process.getValue(), micros));
            if (!process.getKey().equals(free)) {
                othersMicros += micros;
            }
        }
        double ceiling = machine * 1e6 / othersMicros;
        return table.append(String.format(
                        "%nWere the %s free, the others at these costs would fill the %d cores at %,.0f points/s:"
                                + " a ratio of %.2f to the baseline at most (influxd's cost a point depends on how"
                                + " the points are batched, so this is an estimate).%n%n",
                        free, machine, ceiling, ceiling / baseline))
                .toString();
    }
}
