package io.helio.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** What the simulated devices saw while measuring: acknowledgements, refusals, reply latencies. */
final class Recorder {

    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong acknowledgedPoints = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private long[] latencies = new long[1 << 16];
    /** When each reply came, in nanoseconds since the window opened. */
    private long[] repliedAt = new long[1 << 16];

    private int count;
    private volatile boolean measuring;
    private long startedAt;
    private long stoppedAt;

    void start() {
        startedAt = System.nanoTime();
        measuring = true;
    }

    void stop() {
        measuring = false;
        stoppedAt = System.nanoTime();
    }

    void reply(boolean success, int points, long latencyNanos) {
        answered.incrementAndGet();
        if (!measuring) {
            return;
        }
        if (!success) {
            refused.incrementAndGet();
            return;
        }
        acknowledged.incrementAndGet();
        acknowledgedPoints.addAndGet(points);
        synchronized (this) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                repliedAt = Arrays.copyOf(repliedAt, count * 2);
            }
            repliedAt[count] = System.nanoTime() - startedAt;
            latencies[count++] = latencyNanos;
        }
    }

    double seconds() {
        return (stoppedAt - startedAt) / 1e9;
    }

    double pointsPerSecond() {
        return acknowledgedPoints.get() / seconds();
    }

    double messagesPerSecond() {
        return acknowledged.get() / seconds();
    }

    /** Replies of any code, in the measured window or not. */
    long answered() {
        return answered.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long refused() {
        return refused.get();
    }

    /** The latency below which {@code fraction} of the replies came, in milliseconds. */
    synchronized double percentileMillis(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.ceil(fraction * count) - 1)] / 1e6;
    }

    /**
     * When the slowest {@code 1 - fraction} of the replies came: in how many of the window's seconds,
     * and the {@code most} seconds that had the most of them (a tail from a few bursts has other causes
     * than one spread over the window).
     */
    synchronized String slowestBySecond(double fraction, int most) {
        if (count == 0) {
            return "no replies";
        }
        double over = percentileMillis(fraction);
        Map<Long, Integer> bySecond = new TreeMap<>();
        int slow = 0;
        for (int i = 0; i < count; i++) {
            if (latencies[i] / 1e6 > over) {
                bySecond.merge(repliedAt[i] / 1_000_000_000L, 1, Integer::sum);
                slow++;
            }
        }
        List<Map.Entry<Long, Integer>> worst = bySecond.entrySet().stream()
                .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed())
                .limit(most)
                .toList();
        int inWorst = worst.stream().mapToInt(Map.Entry::getValue).sum();
        return String.format(
                "the %,d replies slower than %.1f ms came in %d of the window's %.0f seconds; %.0f %% of them in"
                        + " these %d: %s",
                slow,
                over,
                bySecond.size(),
                seconds(),
                100.0 * inWorst / Math.max(1, slow),
                worst.size(),
                worst.stream()
                        .map(second -> String.format("+%d s (%,d)", second.getKey(), second.getValue()))
                        .collect(Collectors.joining(", ")));
    }

    /** How a measured phase sets a device posting, and stops whatever posts for the devices. */
    interface Start {
        void on(SimulatedDevice device);

        default void stop() {}
    }

    /**
     * Has the devices post as fast as they are answered ({@code window} posts in flight each), round
     * after round, until the JIT compilers of {@code pids} (the platform's, an edge's) have nearly
     * settled (see {@link SteadyState}).
     */
    static SteadyState.WarmUp warmUp(List<SimulatedDevice> devices, int window, long... pids) throws Exception {
        return SteadyState.reach(
                round -> measure(devices, (int) round.toSeconds(), device -> device.postClosedLoop(window))
                        .answered(),
                pids);
    }

    /** Warms up, then measures the devices' replies for {@code seconds}, then stops the devices posting. */
    static Recorder measure(List<SimulatedDevice> devices, int seconds, Start start) throws InterruptedException {
        return measure(devices, seconds, start, () -> {}, () -> {});
    }

    /** As {@link #measure(List, int, Start)}, running {@code opened} and {@code closed} as the measured window opens and closes. */
    static Recorder measure(List<SimulatedDevice> devices, int seconds, Start start, Runnable opened, Runnable closed)
            throws InterruptedException {
        Recorder recorder = new Recorder();
        devices.forEach(device -> device.record(recorder));
        devices.forEach(start::on);
        Thread.sleep(5_000);
        opened.run();
        recorder.start();
        Thread.sleep(seconds * 1_000L);
        recorder.stop();
        closed.run();
        devices.forEach(SimulatedDevice::stopPosting);
        start.stop();
        Thread.sleep(2_000);
        return recorder;
    }
}
