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

    private static final int WARM_UP = 200;

    private RoundTrips() {}

    interface Call {
        void run() throws Exception;
    }

    /** Times {@code calls} calls one after another, after {@value #WARM_UP} to warm up. */
    static Latencies time(int calls, Call call) throws Exception {
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

    static String row(String what, Latencies latencies) {
        return String.format(
                "| %s | %.1f ms | %.1f ms |%n",
                what, latencies.percentileMillis(0.50), latencies.percentileMillis(0.99));
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
