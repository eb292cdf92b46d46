package io.helio.bench;

import io.helio.infra.EnosDevice;
import io.helio.local.LocalStack;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.Command;
import io.helio.sdk.platform.model.CommandCreate;
import io.helio.sdk.platform.model.DeviceCreate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A command's round trip from an application to a device over MQTT and back (SYNC, through the
 * SDK: the record written, the request published, the device's reply matched and recorded), against
 * the device's own request/reply round trip to the platform in the same run (a device asking for its
 * attributes): what the command path adds. Commands through an edge are not measured yet.
 *
 * <p>{@code ./helio bench commands [calls]}
 */
public final class CommandBenchmark {

    private static final int WARM_UP = 200;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        StringBuilder report = BenchRun.report("Helio command benchmark")
                .append(calls)
                .append(" sequential calls of each after ")
                .append(WARM_UP)
                .append(" to warm up; one device over MQTT (QoS 1), answering each command at once.\n\n")
                .append("| round trip | p50 | p99 |\n| --- | ---: | ---: |\n");
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
                device.subscribe(device.topic("thing/service/#"), (topic, message) -> {
                    if (topic.endsWith("_reply")) {
                        return;
                    }
                    String request = new String(message.getPayload(), StandardCharsets.UTF_8);
                    int at = request.indexOf("\"id\":\"") + 6;
                    byte[] reply = ("{\"id\":\"" + request.substring(at, request.indexOf('"', at))
                                    + "\",\"code\":200,\"data\":{}}")
                            .getBytes(StandardCharsets.UTF_8);
                    // Paho's callback must not publish and wait
                    answering.submit(() -> {
                        device.mqtt().publish(topic + "_reply", reply, 1, false);
                        return null;
                    });
                });
                CommandCreate set = new CommandCreate().setMeasurePoints(Map.of("p0", 1.5));
                Latencies commands = time(calls, () -> {
                    Command done = app.commands().sendCommand(tenant.productKey(), "c-1", set);
                    if (done.getStatus() != Command.StatusEnum.SUCCEEDED) {
                        throw new IllegalStateException("command " + done.getCommandId() + " " + done.getStatus());
                    }
                });
                Latencies requests = time(calls, () -> device.call("thing.attribute.query", "[]"));
                report.append(row("device request → platform reply (baseline)", requests))
                        .append(row("application command → device → reply recorded (SYNC, SDK)", commands))
                        .append(String.format(
                                "%nRatio of the p99s: **%.2f**; target: command round trip p99 < 20 ms on loopback.%n",
                                commands.percentileMillis(0.99) / requests.percentileMillis(0.99)));
            }
        } finally {
            answering.shutdownNow();
        }
        BenchRun.write("command-bench-report.md", report);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Latencies time(int calls, Call call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.run();
        }
        Latencies latencies = new Latencies(calls);
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            call.run();
            latencies.add(System.nanoTime() - started);
        }
        return latencies;
    }

    private static String row(String what, Latencies latencies) {
        return String.format(
                "| %s | %.1f ms | %.1f ms |%n",
                what, latencies.percentileMillis(0.50), latencies.percentileMillis(0.99));
    }
}
