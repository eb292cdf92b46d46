package io.helio.bench;

import io.helio.local.LocalStack;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Device ingestion end to end against raw InfluxDB writes, on one machine: starts the whole system,
 * measures raw line-protocol writes to its influxd (the baseline), then simulated devices posting
 * over MQTT with QoS 1 — as fast as they are answered (the maximum), and at half that rate (reply
 * latency) — then holds many connections open (the platform's heap), and reads the platform's
 * flight recording for where its time went. Prints and writes a report.
 *
 * <p>{@code ./helio bench [devices] [points per message] [seconds per phase] [connections]}
 */
public final class IngestBenchmark {

    private static final int WINDOW = 8;
    private static final String PLATFORM = "platform";
    /** How many of the classes holding the most heap the report names. */
    private static final int HEAP_CLASSES = 8;
    /** How many of the seconds with the most slow replies, and of the longest collections, the report names. */
    private static final int SLOW_SECONDS = 6;
    /** The platform's thread that writes to InfluxDB (GroupCommitWriter's). */
    private static final String INFLUX_WRITER = "influx-write";
    /** How long the half-rate phase waits for the platform to replay what the maximum spilled. */
    private static final Duration SPILL_REPLAY_WAIT = Duration.ofMinutes(3);

    public static void main(String[] args) throws Exception {
        int devices = BenchRun.argument(args, 0, 1_000);
        int points = BenchRun.argument(args, 1, 10);
        int seconds = BenchRun.argument(args, 2, 20);
        int connections = BenchRun.argument(args, 3, 10_000);
        StringBuilder report = BenchRun.report("Helio ingestion benchmark")
                .append(devices)
                .append(" devices, ")
                .append(points)
                .append(" points a message, QoS 1, ")
                .append(seconds)
                .append(" s a phase; platform heap limit 512 MiB.\n\n");

        BenchRun run = BenchRun.start("run");
        LocalStack stack = run.stack();
        Path recording = run.folder().resolve("platform.jfr");
        Map<String, Long> processes = Map.of(
                PLATFORM,
                stack.platformPid(),
                "influxd",
                stack.influxdPid(),
                "devices (this benchmark)",
                ProcessHandle.current().pid());
        PhaseWatch atMaximum = new PhaseWatch(stack.platformUrl(), stack.influxUrl(), processes, run.folder());
        EventLoopGroup loops = new NioEventLoopGroup(2);
        try {
            double baseline = RawInfluxBaseline.pointsPerSecond(stack.influxUrl(), points, 400_000);
            Fleet fleet = Fleet.create(stack, points, Math.max(devices, connections));
            URI mqtt = URI.create(stack.mqttUrl());

            List<SimulatedDevice> posting = fleet.connect(loops, mqtt, 0, devices, new Recorder());
            // recording from before the warm-up: started on a JVM whose code is compiled, a recording
            // costs a round of deoptimisation and recompilation that the measurement would pay
            Jcmd.run(stack.platformPid(), "JFR.start", "name=bench", "settings=profile");
            SteadyState.WarmUp warmUp = Recorder.warmUp(posting, WINDOW, stack.platformPid());
            Recorder saturated = Recorder.measure(
                    posting, seconds, device -> device.postClosedLoop(WINDOW), atMaximum::open, atMaximum::close);
            double halfRate = saturated.messagesPerSecond() / 2;
            long periodMicros = (long) (1e6 * devices / halfRate);
            String drained = SpillGauge.awaitEmpty(stack.platformUrl(), SPILL_REPLAY_WAIT);
            PhaseWatch atHalf = new PhaseWatch(stack.platformUrl(), stack.influxUrl(), processes, run.folder());
            Recorder half = Recorder.measure(posting, seconds, new Pacer(periodMicros), atHalf::open, atHalf::close);
            Jcmd.run(stack.platformPid(), "JFR.stop", "name=bench", "filename=" + recording);
            posting.forEach(SimulatedDevice::close);

            report.append("## Throughput\n\n| | measure points/s |\n| --- | ---: |\n")
                    .append(row("raw InfluxDB line protocol, one writer, 5,000-line batches (baseline)", baseline))
                    .append(row("Helio end to end, acknowledged (code 200)", saturated.pointsPerSecond()))
                    .append(String.format(
                            "%nRatio Helio / baseline: **%.2f** (target ≥ 0.50); %.0f messages/s acknowledged, "
                                    + "%d refused; %d devices keeping %d posts in flight each, after %d s at full rate to"
                                    + " warm up (%d JIT compilations in the platform in its last 5 s).%n%n",
                            saturated.pointsPerSecond() / baseline,
                            saturated.messagesPerSecond(),
                            saturated.refused(),
                            devices,
                            WINDOW,
                            warmUp.took().toSeconds(),
                            warmUp.lastRoundCompilations()))
                    .append("### CPU a point at the maximum\n\n")
                    .append(CpuPerPoint.describe(atMaximum.cores(), saturated.pointsPerSecond(), PLATFORM, baseline))
                    .append(String.format(
                            "## Reply latency at half that rate (%.0f messages/s)%n%n| p50 | p99 |%n| ---: | ---: |%n"
                                    + "| %.1f ms | %.1f ms |%n%nBefore this phase %s. %s.%n%n"
                                    + "When the slowest came: %s. The platform's collections then: %s. Its"
                                    + " writer waited for influxd's answers %s.%n%n"
                                    + "At the maximum: p50 %.1f ms, p99 %.1f ms. %s.%n%n",
                            half.messagesPerSecond(),
                            half.percentileMillis(0.50),
                            half.percentileMillis(0.99),
                            drained,
                            atHalf.summary(),
                            half.slowestBySecond(0.99, SLOW_SECONDS),
                            Profile.pauses(recording, SLOW_SECONDS, atHalf.opened(), atHalf.closed()),
                            Profile.socketWaits(recording, INFLUX_WRITER, atHalf.opened(), atHalf.closed()),
                            saturated.percentileMillis(0.50),
                            saturated.percentileMillis(0.99),
                            atMaximum.summary()));

            List<SimulatedDevice> idle = fleet.connect(loops, mqtt, 0, connections, new Recorder());
            report.append(String.format(
                    "## Connections%n%n%d devices connected at once (%d refused%s, a hundred connecting at a"
                            + " time); the platform's live heap (after a full GC): %s%n",
                    idle.size(),
                    fleet.refusals().size(),
                    fleet.refusals().isEmpty() ? "" : ": " + String.join("; ", fleet.refusals()),
                    Jcmd.liveHeap(stack.platformPid(), HEAP_CLASSES)));
            idle.forEach(SimulatedDevice::close);
        } finally {
            loops.shutdownGracefully().await(10, TimeUnit.SECONDS);
            run.close();
        }
        report.append("## Where the platform's time went at the maximum\n\n")
                .append(Profile.summary(recording, 12, atMaximum.opened(), atMaximum.closed()));
        BenchRun.write("bench-report.md", report);
    }

    private static String row(String what, double pointsPerSecond) {
        return String.format("| %s | %,.0f |%n", what, pointsPerSecond);
    }
}
