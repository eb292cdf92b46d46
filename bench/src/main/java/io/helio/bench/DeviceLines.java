package io.helio.bench;

/**
 * A simulated device's message as the platform stores it in line protocol: DOUBLE points {@code p0},
 * {@code p1}, ... whose values vary with the tick, the device and the point, for benchmarks that
 * write their data straight to influxd.
 */
final class DeviceLines {

    private DeviceLines() {}

    /** Appends device {@code d}'s line at {@code tick} (its message's number), stamped {@code time}. */
    static void append(StringBuilder lines, String measurement, int d, int points, long tick, long time) {
        lines.append(measurement).append(",device=d").append(d).append(' ');
        for (int p = 0; p < points; p++) {
            lines.append(p == 0 ? "" : ",")
                    .append('p')
                    .append(p)
                    .append('=')
                    .append((tick * 31 + d * 7 + p) % 1000 / 10.0);
        }
        lines.append(' ').append(time).append('\n');
    }
}
