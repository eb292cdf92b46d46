package io.helio.bench;

import java.time.Instant;
import java.util.Map;

/**
 * What happened around a measured window besides the replies: when it opened and closed, the CPU
 * each process used, and the platform's writes to InfluxDB (as it timed them and as influxd did).
 * Its {@link #open} and {@link #close} go to
 * {@link Recorder#measure(java.util.List, int, Recorder.Start, Runnable, Runnable)}.
 */
final class PhaseWatch {

    private final String platformUrl;
    private final String influxUrl;
    private final Map<String, Long> pids;
    private Instant opened;
    private Instant closed;
    private CpuUse cpu;
    private WriteTimings writesAtOpen;
    private InfluxdWrites influxdAtOpen;
    private String summary;

    PhaseWatch(String platformUrl, String influxUrl, Map<String, Long> pids) {
        this.platformUrl = platformUrl;
        this.influxUrl = influxUrl;
        this.pids = pids;
    }

    void open() {
        writesAtOpen = WriteTimings.parse(BenchHttp.get(platformUrl + "/actuator/prometheus"));
        influxdAtOpen = InfluxdWrites.parse(BenchHttp.get(influxUrl + "/debug/vars"));
        cpu = CpuUse.start(pids);
        opened = Instant.now();
    }

    void close() {
        closed = Instant.now();
        summary = "CPU used: " + cpu.sinceStart() + "; the platform's "
                + WriteTimings.parse(BenchHttp.get(platformUrl + "/actuator/prometheus"))
                        .since(writesAtOpen)
                        .describe()
                + ", "
                + InfluxdWrites.parse(BenchHttp.get(influxUrl + "/debug/vars"))
                        .since(influxdAtOpen)
                        .describe();
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
}
