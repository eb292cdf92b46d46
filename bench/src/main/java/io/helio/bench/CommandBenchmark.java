package io.helio.bench;

import io.helio.infra.EnosDevice;
import io.helio.local.LocalStack;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.CommandCreate;
import io.helio.sdk.platform.model.DeviceCreate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A command's round trip from an application to a device over MQTT and back (SYNC, through the
 * SDK: the record written, the request published, the device's reply matched and recorded), against
 * the device's own request/reply round trip to the platform in the same run (a device asking for its
 * attributes): what the command path adds. Commands through an edge: {@link EdgeBenchmark}.
 *
 * <p>{@code ./helio bench commands [calls]}
 */
public final class CommandBenchmark {

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        StringBuilder report = BenchRun.report("Helio command benchmark")
                .append(calls)
                .append(" sequential calls of each, once the platform has warmed up on them (see SteadyState);"
                        + " one device over MQTT (QoS 1), answering each command at once.\n\n")
                .append(RoundTrips.header("round trip"));
        ExecutorService answering = Executors.newSingleThreadExecutor();
        try (BenchRun run = BenchRun.start("commands")) {
            LocalStack stack = run.stack();
            BenchTenant tenant = BenchTenant.create(stack, "commands", 1);
            HelioClient app = tenant.app();
            String secret = app.devices()
                    .createDevice(
                            tenant.productKey(), new DeviceCreate().name("c").deviceKey("c-1"))
                    .getDeviceSecret();
            try (EnosDevice device = EnosDevice.connect(stack.mqttUrl(), tenant.productKey(), "c-1", secret)) {
                RoundTrips.answerCommands(device, answering);
                CommandCreate set = new CommandCreate().setMeasurePoints(Map.of("p0", 1.5));
                long platform = stack.platformPid();
                RoundTrips.Timed commands =
                        RoundTrips.time(calls, RoundTrips.command(app, tenant.productKey(), "c-1", set), platform);
                RoundTrips.Timed requests =
                        RoundTrips.time(calls, () -> device.call("thing.attribute.query", "[]"), platform);
                report.append(RoundTrips.row("device request → platform reply (baseline)", requests))
                        .append(RoundTrips.row("application command → device → reply recorded (SYNC, SDK)", commands))
                        .append(String.format(
                                "%nRatio of the p99s: **%.2f**; target: command round trip p99 < 20 ms on loopback.%n",
                                commands.latencies().percentileMillis(0.99)
                                        / requests.latencies().percentileMillis(0.99)));
            }
        } finally {
            answering.shutdownNow();
        }
        BenchRun.write("command-bench-report.md", report);
    }
}
