package io.helio.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What happened around a measured window besides the replies: when it opened and closed, the CPU
 * each process used, the platform's own time per device request, its writes to InfluxDB (as it timed
 * them and as influxd did), what its spill held (points accepted but not yet in InfluxDB), and how
 * long the disk took to force a write.
 * Its {@link #open} and {@link #close} go to
 * {@link Recorder#measure(java.util.List, int, Recorder.Start, Runnable, Runnable)}.
 */
final class PhaseWatch {

    private final String platformUrl;
    private final String influxUrl;
    private final Map<String, Long> pids;
    private final Path diskFolder;
    private Instant opened;
    private Instant closed;
    private CpuUse cpu;
    private String platformMetricsAtOpen;
    private InfluxdWork influxdAtOpen;
    private DiskProbe disk;
    private String summary;
    private Map<String, Double> cores;

    /** {@code diskFolder}: a folder on the disk the stores use. */
    PhaseWatch(String platformUrl, String influxUrl, Map<String, Long> pids, Path diskFolder) {
        this.platformUrl = platformUrl;
        this.influxUrl = influxUrl;
        this.pids = pids;
        this.diskFolder = diskFolder;
    }

    void open() {
        platformMetricsAtOpen = BenchHttp.get(platformUrl + "/actuator/prometheus");
        influxdAtOpen = InfluxdWork.parse(BenchHttp.get(influxUrl + "/debug/vars"));
        cpu = CpuUse.start(pids);
        disk = DiskProbe.start(diskFolder);
        opened = Instant.now();
    }

    void close() {
        closed = Instant.now();
        String forces = disk.stop();
        cores = cpu.coresByName();
        String platformMetrics = BenchHttp.get(platformUrl + "/actuator/prometheus");
        summary = "CPU used: " + CpuUse.describe(cores) + "; the platform's spill held "
                + SpillGauge.describe(platformMetricsAtOpen) + " when the phase opened and "
                + SpillGauge.describe(platformMetrics) + " when it closed; the platform's own time for "
                + timed(platformMetrics, PlatformTimer.DEVICE_REQUESTS, "MQTT requests (handed over to replied)")
                + ", of which the writer's, queued to stored, "
                + timed(platformMetrics, PlatformTimer.ACCEPTANCE, "writes")
                + "; its " + timed(platformMetrics, PlatformTimer.INFLUX_WRITES, "writes to InfluxDB")
                + ", "
                + InfluxdWork.parse(BenchHttp.get(influxUrl + "/debug/vars"))
                        .since(influxdAtOpen)
                        .describe()
                + "; " + forces;
    }

    private String timed(String metrics, String timer, String what) {
        return PlatformTimer.parse(metrics, timer)
                .since(PlatformTimer.parse(platformMetricsAtOpen, timer))
                .describe(what);
    }

    Instant opened() {
        return opened;
    }

    Instant closed() {
        return closed;
    }

    String summary() {
        return summary;
    }

    /** The cores each process used in the phase, by name. */
    Map<String, Double> cores() {
        return cores;
    }
}
