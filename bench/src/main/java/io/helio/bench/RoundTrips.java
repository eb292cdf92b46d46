package io.helio.bench;

import io.helio.infra.EnosDevice;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.Command;
import io.helio.sdk.platform.model.CommandCreate;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Call after call, timed: commands and requests, and a device that answers every command at once. */
final class RoundTrips {

    /** How many blocks of calls of each a {@link #timeInTurn} takes turns with. */
    static final int TURNS = 20;

    private RoundTrips() {}

    interface Call {
        void run() throws Exception;
    }

    /** Calls timed after a warm-up. */
    record Timed(SteadyState.WarmUp warmUp, Latencies latencies) {}

    /**
     * Times {@code calls} calls one after another, once the JVMs of {@code pids} (those the call
     * passes through) have warmed up on it.
     */
    static Timed time(int calls, Call call, long... pids) throws Exception {
        SteadyState.WarmUp warmUp = SteadyState.reach(call, pids);
        Latencies latencies = new Latencies(calls);
        timeBlock(calls, call, latencies);
        return new Timed(warmUp, latencies);
    }

    /** Two calls timed against each other. */
    record Paired(Timed first, Timed second) {}

    /**
     * Times {@code calls} calls of each, a block of first's and a block of second's in turn
     * ({@value #TURNS} blocks each), once each has warmed up the JVMs it passes through: both meet
     * the machine in the same state, however its speed drifts (on a shared host, and while a
     * just-written store compacts, it does within a minute). Blocks rather than single calls, so that
     * what one side leaves running after a call (influxd's garbage collector) lands on its own next
     * call, not on the other side's. {@code timing} opens after the warm-ups and closes after the last block.
     */
    static Paired timeInTurn(
            int calls, Call first, long[] firstPids, Call second, long[] secondPids, PlatformMeans timing)
            throws Exception {
        SteadyState.WarmUp firstWarmUp = SteadyState.reach(first, firstPids);
        SteadyState.WarmUp secondWarmUp = SteadyState.reach(second, secondPids);
        timing.open();
        Latencies firstLatencies = new Latencies(calls);
        Latencies secondLatencies = new Latencies(calls);
        int block = Math.max(1, calls / TURNS);
        for (int done = 0; done < calls; done += block) {
            int size = Math.min(block, calls - done);
            timeBlock(size, first, firstLatencies);
            timeBlock(size, second, secondLatencies);
        }
        timing.close();
        return new Paired(new Timed(firstWarmUp, firstLatencies), new Timed(secondWarmUp, secondLatencies));
    }

    private static void timeBlock(int calls, Call call, Latencies latencies) throws Exception {
        for (int i = 0; i < calls; i++) {
            latencies.add(timed(call));
        }
    }

    private static long timed(Call call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return System.nanoTime() - started;
    }

    /** A SYNC command through the SDK that must succeed. */
    static Call command(HelioClient app, String productKey, String deviceKey, CommandCreate command) {
        return () -> {
            Command done = app.commands().sendCommand(productKey, deviceKey, command);
            if (done.getStatus() != Command.StatusEnum.SUCCEEDED) {
                throw new IllegalStateException("command " + done.getCommandId() + " " + done.getStatus() + " "
                        + done.getReplyCode() + " " + done.getReplyMessage());
            }
        };
    }

    /** The header of a table of {@link #row}s. */
    static String header(String what) {
        return "| " + what + " | p50 | p99 | warmed up by |\n| --- | ---: | ---: | --- |\n";
    }

    static String row(String what, Timed timed) {
        return String.format(
                "| %s | %.1f ms | %.1f ms | %s |%n",
                what,
                timed.latencies().percentileMillis(0.50),
                timed.latencies().percentileMillis(0.99),
                timed.warmUp());
    }

    /** Has the device answer each command on its {@code thing/service/...} topics with code 200, from {@code answering}. */
    static void answerCommands(EnosDevice device, ExecutorService answering) throws MqttException {
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
    }
}
