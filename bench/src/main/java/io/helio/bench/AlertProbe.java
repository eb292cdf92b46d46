package io.helio.bench;

import io.helio.infra.EnosDevice;
import io.helio.local.LocalStack;
import io.helio.sdk.HelioClient;
import io.helio.sdk.platform.model.AlertChange;
import io.helio.sdk.platform.model.AlertSeverity;
import io.helio.sdk.platform.model.DeviceCreate;
import io.helio.sdk.platform.model.RuleCreate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A device whose own rule ({@code p0 > 100}) opens and recovers an alert on each value it posts, and
 * the application's live alert stream that times each change from the post that raised it.
 */
final class AlertProbe implements AutoCloseable {

    static final int LOST_AFTER_SECONDS = 5;
    private static final Pattern CODE = Pattern.compile("\"code\":(\\d+)");
    private static final Pattern MESSAGE = Pattern.compile("\"message\":\"([^\"]*)\"");

    /**
     * Point-to-alert and reply latencies of the probes; how many posts were refused (not stored, so no
     * alert is due) and how many were stored yet raised no change (the engine's misses).
     */
    record Result(Latencies alerts, Latencies replies, Map<String, Integer> refused, int lost) {

        /** "n × code message", by reply */
        String refusals() {
            return refused.isEmpty()
                    ? "none"
                    : refused.entrySet().stream()
                            .map(refusal -> refusal.getValue() + " × " + refusal.getKey())
                            .collect(Collectors.joining("; "));
        }

        String row(String what) {
            return String.format(
                    "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %d | %d |%n",
                    what,
                    alerts.percentileMillis(0.50),
                    alerts.percentileMillis(0.99),
                    replies.percentileMillis(0.50),
                    replies.percentileMillis(0.99),
                    refused.values().stream().mapToInt(Integer::intValue).sum(),
                    lost);
        }
    }

    private final EnosDevice device;
    private final BlockingQueue<Long> changes;
    private int value;

    private AlertProbe(EnosDevice device, BlockingQueue<Long> changes) {
        this.device = device;
        this.changes = changes;
    }

    /** Creates the probe device and its rule, opens the live stream and waits until changes arrive on it. */
    static AlertProbe start(LocalStack stack, HelioClient app, String product) throws Exception {
        String secret = app.devices()
                .createDevice(product, new DeviceCreate().name("probe").deviceKey("probe"))
                .getDeviceSecret();
        app.rules()
                .createRule(new RuleCreate()
                        .ruleId("probe")
                        .name("probe")
                        .productKey(product)
                        .deviceKeys(List.of("probe"))
                        .expression("p0 > 100.0")
                        .severity(AlertSeverity.INFO)
                        .message("{{p0}}"));
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        Thread listener = new Thread(
                () -> {
                    try (Stream<AlertChange> live = app.liveAlerts("probe")) {
                        live.forEach(change -> changes.add(System.nanoTime()));
                    } catch (RuntimeException closed) {
                        // the benchmark is over
                    }
                },
                "live-alerts");
        listener.setDaemon(true);
        listener.start();
        AlertProbe probe = new AlertProbe(EnosDevice.connect(stack.mqttUrl(), product, "probe", secret), changes);
        // the stream's answer starts with its first event: post until one comes
        do {
            probe.post();
            probe.value++;
        } while (changes.poll(1, TimeUnit.SECONDS) == null);
        Thread.sleep(1_000);
        changes.clear();
        return probe;
    }

    /**
     * Times {@code probes} alert changes. A post that is refused, or stored but raises no change
     * within {@link #LOST_AFTER_SECONDS}, goes again.
     */
    Result measure(int probes) throws Exception {
        Latencies alerts = new Latencies(probes);
        Latencies replies = new Latencies(probes);
        Map<String, Integer> refused = new TreeMap<>();
        int lost = 0;
        while (alerts.count() < probes) {
            long sent = System.nanoTime();
            String reply = post();
            long replied = System.nanoTime();
            String code = first(CODE, reply);
            if (!code.equals("200")) {
                refused.merge(code + " " + first(MESSAGE, reply), 1, Integer::sum);
                continue;
            }
            Long arrived = changes.poll(LOST_AFTER_SECONDS, TimeUnit.SECONDS);
            if (arrived == null) {
                lost++;
            } else {
                alerts.add(arrived - sent);
                replies.add(replied - sent);
                value++;
            }
        }
        return new Result(alerts, replies, refused, lost);
    }

    private static String first(Pattern pattern, String reply) {
        Matcher found = pattern.matcher(reply);
        return found.find() ? found.group(1) : "?";
    }

    private String post() throws Exception {
        return device.postMeasurePoints("{\"p0\":" + (value % 2 == 0 ? 150 : 50) + "}", System.currentTimeMillis());
    }

    @Override
    public void close() throws Exception {
        device.close();
    }
}
