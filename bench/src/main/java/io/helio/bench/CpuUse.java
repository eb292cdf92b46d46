package io.helio.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The CPU time named processes used between two moments, in cores (CPU seconds per second): on a
 * machine this small the load generator, influxd and the platform share the same cores, and a
 * latency means little without knowing how busy they were.
 */
final class CpuUse {

    private final Map<String, Long> pids;
    private final Map<String, Duration> atStart = new LinkedHashMap<>();
    private long startedAt;

    private CpuUse(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** Starts counting for these processes, by name (reported in the names' order). */
    static CpuUse start(Map<String, Long> pids) {
        CpuUse use = new CpuUse(new TreeMap<>(pids));
        use.startedAt = System.nanoTime();
        pids.forEach((name, pid) -> use.atStart.put(name, cpuTime(pid)));
        return use;
    }

    /** "influxd 0.10, platform 1.21 cores", of {@link #coresByName}. */
    static String describe(Map<String, Double> coresByName) {
        StringJoiner cores = new StringJoiner(", ");
        coresByName.forEach((name, used) -> cores.add(String.format("%s %.2f", name, used)));
        return cores + " cores";
    }

    /** The cores each process used on average since {@link #start}, by name. */
    Map<String, Double> coresByName() {
        Map<String, Double> cores = new LinkedHashMap<>();
        pids.keySet().forEach(name -> cores.put(name, coresSinceStart(name)));
        return cores;
    }

    /** The cores the named process used on average since {@link #start}. */
    double coresSinceStart(String name) {
        return secondsSinceStart(name) / ((System.nanoTime() - startedAt) / 1e9);
    }

    /** The CPU seconds the named process used since {@link #start}. */
    double secondsSinceStart(String name) {
        return cpuTime(pids.get(name)).minus(atStart.get(name)).toNanos() / 1e9;
    }

    private static Duration cpuTime(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(process -> process.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time readable for process " + pid));
    }
}
