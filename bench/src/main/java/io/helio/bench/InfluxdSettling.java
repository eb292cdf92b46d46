package io.helio.bench;

import io.helio.infra.InfluxdProcess;
import java.time.Duration;
import java.util.Map;

/**
 * Waits until influxd has moved data written in one go from its write cache into TSM files and
 * compacted them (the cache goes once {@link InfluxdProcess#CACHE_COLD_AFTER} has passed without
 * writes): until then queries of it are several times slower and keep changing, and the CPU it
 * takes to store the data is not all spent.
 */
final class InfluxdSettling {

    /** influxd is done with the data once it uses less than this... */
    private static final double IDLE_CORES = 0.05;

    /** ...for this long... */
    private static final Duration IDLE_FOR = Duration.ofSeconds(5);

    /** ...or once this long has passed. */
    private static final Duration MAX_SETTLE = Duration.ofMinutes(3);

    private InfluxdSettling() {}

    /** Waits, and says how long that took, for the report. */
    static String await(long influxdPid) throws InterruptedException {
        long started = System.nanoTime();
        // past the point where the cache goes, with a margin as long as an idle check
        Thread.sleep(InfluxdProcess.CACHE_COLD_AFTER.plus(IDLE_FOR).toMillis());
        while (true) {
            CpuUse cpu = CpuUse.start(Map.of("influxd", influxdPid));
            Thread.sleep(IDLE_FOR.toMillis());
            long waited = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (cpu.coresSinceStart("influxd") < IDLE_CORES) {
                return String.format("influxd stored and compacted the data within %d s of its last write.", waited);
            }
            if (waited >= MAX_SETTLE.toSeconds()) {
                return String.format("influxd was still busy (compacting) %d s after the last write.", waited);
            }
        }
    }
}
