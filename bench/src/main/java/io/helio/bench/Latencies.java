package io.helio.bench;

import java.util.Arrays;

/** Latencies of sequential calls, and their percentiles. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    int count() {
        return count;
    }

    void add(long latencyNanos) {
        nanos[count++] = latencyNanos;
    }

    double meanMillis() {
        return Arrays.stream(nanos, 0, count).average().orElse(Double.NaN) / 1e6;
    }

    /** The latency below which {@code fraction} of the calls came, in milliseconds. */
    double percentileMillis(double fraction) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.ceil(fraction * count) - 1)] / 1e6;
    }
}
