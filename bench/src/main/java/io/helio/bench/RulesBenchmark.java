package io.helio.bench;

import io.helio.local.LocalStack;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.AggregateFunction;
import io.helio.sdk.platform.model.AlertSeverity;
import io.helio.sdk.platform.model.RuleCreate;
import io.helio.sdk.platform.model.RuleWindow;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rule engine costs ingestion, and how soon an alert follows the value that raises it, on
 * one machine: simulated devices post as fast as they are answered without rules (the baseline),
 * then with {@code rules} active rules (four in five expressions, one in five sliding windows, each
 * watching one device, none firing: every value is judged, no alert is written), once more with them,
 * and once more with them disabled; the ratio of the two pairs is the engine's cost. Then, with the
 * devices posting at half that rate, a probe device whose own rule opens and recovers an alert on
 * each value it posts, timed from the post to the change's arrival on the SDK's live alert stream.
 * A flight recording of the four phases shows each area's share of the platform's CPU in each.
 * Prints and writes a report.
 *
 * <p>{@code ./helio bench rules [devices] [rules] [seconds per phase] [probes]}
 */
public final class RulesBenchmark {

    private static final int WINDOW = 8;
    private static final int POINTS = 10;
    /** The areas whose share of the CPU the report shows phase by phase. */
    private static final List<String> AREAS = List.of(
            "io.helio.platform.rules",
            "io.helio.platform.ingest",
            "io.helio.platform.timeseries",
            "io.helio.platform.live",
            "io.moquette",
            "tools.jackson");

    private static final Pattern SKIPPED = Pattern.compile("a rule lane is full .*: (\\d+) judgements skipped");

    public static void main(String[] args) throws Exception {
        int devices = BenchRun.argument(args, 0, 1_000);
        int rules = BenchRun.argument(args, 1, 1_000);
        int seconds = BenchRun.argument(args, 2, 15);
        int probes = BenchRun.argument(args, 3, 300);
        StringBuilder report = BenchRun.report("Helio rules benchmark")
                .append(devices)
                .append(" devices posting ")
                .append(POINTS)
                .append(" points a message over MQTT QoS 1, ")
                .append(seconds)
                .append(" s a phase; ")
                .append(rules)
                .append(" rules.\n\n");

        BenchRun run = BenchRun.start("rules");
        LocalStack stack = run.stack();
        Path folder = run.folder();
        Path recording = folder.resolve("platform.jfr");
        EventLoopGroup loops = new NioEventLoopGroup(2);
        try {
            Fleet fleet = Fleet.create(stack, POINTS, devices);
            HelioClient app = fleet.tenant().app();
            String product = fleet.tenant().productKey();
            URI mqtt = URI.create(stack.mqttUrl());
            List<SimulatedDevice> posting = fleet.connect(loops, mqtt, 0, devices, new Recorder());

            // recording from before the warm-up, as the ingestion benchmark does: started later, it would
            // cost the first phase a round of deoptimisation and recompilation
            Jcmd.run(stack.platformPid(), "JFR.start", "name=rules", "settings=profile");
            // without, with, with, without: influxd slows as its data grows, which a plain "without,
            // then with" would charge to the rules
            SteadyState.WarmUp warmedWithout = Recorder.warmUp(posting, WINDOW, stack.platformPid());
            Phase without = atMaximum(posting, seconds);
            createIdleRules(app, product, rules, devices);
            SteadyState.WarmUp warmedWith = Recorder.warmUp(posting, WINDOW, stack.platformPid());
            Phase with = atMaximum(posting, seconds);
            Phase withAgain = atMaximum(posting, seconds);
            Path platformLog = folder.resolve("logs/platform.log");
            long skippedWithRules = skippedJudgements(platformLog);
            switchIdleRules(app, rules, false);
            Phase withoutAgain = atMaximum(posting, seconds);
            Jcmd.run(stack.platformPid(), "JFR.stop", "name=rules", "filename=" + recording);
            switchIdleRules(app, rules, true);
            double withRules =
                    with.recorder().pointsPerSecond() + withAgain.recorder().pointsPerSecond();
            double withoutRules = without.recorder().pointsPerSecond()
                    + withoutAgain.recorder().pointsPerSecond();
            report.append("## Ingestion with and without rules\n\nFour phases in this order, the devices"
                            + " posting as fast as they are answered.\n\n| | measure points/s acknowledged"
                            + " | reply p99 | warmed up by (messages) |\n")
                    .append("| --- | ---: | ---: | --- |\n")
                    .append(row("no rules (baseline)", without, warmedWithout.toString()))
                    .append(row(rules + " active rules", with, warmedWith.toString()))
                    .append(row(rules + " active rules, again", withAgain, "the phase before"))
                    .append(row("no rules again (all " + rules + " disabled)", withoutAgain, "the phases before"))
                    .append(String.format(
                            "%nRatio with / without (both phases of each): **%.2f** (target ≥ 0.80, i.e. rules cost"
                                    + " ≤ 20 %%); judgements skipped because a rule lane was full: %d.%n%n",
                            withRules / withoutRules, skippedWithRules))
                    .append(whereTheTimeWent(recording, List.of(without, with, withAgain, withoutAgain)))
                    .append("Self time in the first phase with rules:\n\n")
                    .append(Profile.summary(recording, 12, with.from(), with.until()))
                    .append('\n');

            try (AlertProbe probe = AlertProbe.start(stack, app, product)) {
                AlertProbe.Result idle = probe.measure(probes);
                double halfRate = (with.recorder().messagesPerSecond()
                                + withAgain.recorder().messagesPerSecond())
                        / 4;
                long periodMicros = (long) (1e6 * devices / halfRate);
                Pacer pacer = new Pacer(periodMicros);
                posting.forEach(pacer::on);
                Thread.sleep(5_000);
                AlertProbe.Result loaded = probe.measure(probes);
                pacer.stop();
                report.append(String.format(
                                "## Point to alert%n%nA probe device's rule (`p0 > 100`) opens and recovers an alert"
                                        + " on each of its %d posts, timed from the post to the alert change on the"
                                        + " live stream (`HelioClient.liveAlerts`); beside it, the post's own reply"
                                        + " (code 200 once stored), which the alert follows since rules judge stored"
                                        + " values. Target: point to alert p99 < 100 ms.%n%n| | alert p50 | alert p99 |"
                                        + " reply p50 | reply p99 | refused | lost |%n| --- | ---: | ---: | ---: | ---: | ---: | ---: |%n",
                                probes))
                        .append(idle.row("no other traffic, " + rules + " rules"))
                        .append(loaded.row(String.format(
                                "the other devices posting %.0f messages/s past %d rules", halfRate, rules)))
                        .append(String.format(
                                "%nRefused: posts answered other than 200 (not stored, so no alert is due; sent again). Lost:"
                                        + " posts stored that raised no change within %d s (sent again)."
                                        + " Judgements skipped because a rule lane was full, in this phase: %d."
                                        + " Refusals under load: %s.%n",
                                AlertProbe.LOST_AFTER_SECONDS,
                                skippedJudgements(platformLog) - skippedWithRules,
                                loaded.refusals()));
            }
            posting.forEach(SimulatedDevice::close);
        } finally {
            loops.shutdownGracefully().await(10, TimeUnit.SECONDS);
            run.close();
        }
        BenchRun.write("rules-bench-report.md", report);
    }

    /** Rules that judge every value of their device and never hold: the engine's work without alerts. */
    private static void createIdleRules(HelioClient app, String product, int rules, int devices) throws Exception {
        for (int i = 0; i < rules; i++) {
            RuleCreate rule = new RuleCreate()
                    .ruleId("idle_" + i)
                    .name("idle " + i)
                    .productKey(product)
                    .deviceKeys(List.of("d" + (i % devices)))
                    .severity(AlertSeverity.INFO)
                    .message("never");
            if (i % 5 == 4) {
                rule.window(new RuleWindow()
                        .type(RuleWindow.TypeEnum.SLIDING)
                        .minutes(1)
                        .point("p1")
                        .function(AggregateFunction.AVG)
                        .operator(RuleWindow.OperatorEnum.GT)
                        .threshold(1e9));
            } else {
                rule.expression("p0 > 1000000.0 && p2 < p3");
            }
            app.rules().createRule(rule);
        }
    }

    /** The platform logs how many judgements full lanes skipped (at most every 10 s): the last count it logged. */
    private static long skippedJudgements(Path log) throws Exception {
        Matcher logged = SKIPPED.matcher(Files.readString(log));
        long last = 0;
        while (logged.find()) {
            last = Long.parseLong(logged.group(1));
        }
        return last;
    }

    /** A phase at the maximum rate, and when it ran (for its share of the flight recording). */
    private record Phase(Recorder recorder, Instant from, Instant until) {}

    private static Phase atMaximum(List<SimulatedDevice> posting, int seconds) throws Exception {
        Instant from = Instant.now();
        Recorder recorder = Recorder.measure(posting, seconds, device -> device.postClosedLoop(WINDOW));
        return new Phase(recorder, from, Instant.now());
    }

    /** Each area's share of the platform's CPU samples, phase by phase, callees included. */
    private static String whereTheTimeWent(Path recording, List<Phase> phases) throws Exception {
        List<List<Double>> shares = new ArrayList<>();
        for (Phase phase : phases) {
            shares.add(Profile.inclusiveShares(recording, AREAS, phase.from(), phase.until()));
        }
        StringBuilder table = new StringBuilder("## Where the platform's time went\n\nShare of its CPU samples in each"
                + " phase whose stack passes through the code (what it calls included; areas overlap).\n\n"
                + "| code | no rules | rules | rules again | no rules again |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (int area = 0; area < AREAS.size(); area++) {
            table.append("| `").append(AREAS.get(area)).append('`');
            for (List<Double> phase : shares) {
                table.append(String.format(" | %.1f %%", 100 * phase.get(area)));
            }
            table.append(" |\n");
        }
        return table.append('\n').toString();
    }

    private static void switchIdleRules(HelioClient app, int rules, boolean enabled) throws Exception {
        for (int i = 0; i < rules; i++) {
            if (enabled) {
                app.rules().enableRule("idle_" + i);
            } else {
                app.rules().disableRule("idle_" + i);
            }
        }
    }

    private static String row(String what, Phase phase, String warmedUp) {
        return String.format(
                "| %s | %,.0f | %.1f ms | %s |%n",
                what, phase.recorder().pointsPerSecond(), phase.recorder().percentileMillis(0.99), warmedUp);
    }
}
