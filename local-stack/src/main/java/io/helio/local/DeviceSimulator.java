package io.helio.local;

import io.helio.infra.EnosDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Demo inverters that connect over MQTT with their EnOS credentials and post measure points every second. */
final class DeviceSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceSimulator.class);

    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final List<EnosDevice> devices = new ArrayList<>();
    private final Random random = new Random();

    static DeviceSimulator start(String brokerUrl, DemoTenant tenant) throws Exception {
        DeviceSimulator simulator = new DeviceSimulator();
        for (DemoTenant.DemoDevice device : tenant.devices()) {
            simulator.devices.add(
                    EnosDevice.connect(brokerUrl, tenant.productKey(), device.deviceKey(), device.secret()));
        }
        simulator.ticks.scheduleAtFixedRate(simulator::postAll, 0, 1, TimeUnit.SECONDS);
        return simulator;
    }

    private void postAll() {
        long now = System.currentTimeMillis();
        for (EnosDevice device : devices) {
            double power = 30 + random.nextDouble() * 20;
            String points = String.format(
                    Locale.ROOT,
                    "{\"power\":%.2f,\"temp\":%.1f,\"energy\":%d,\"running\":true,\"state\":\"GRID\"}",
                    power,
                    40 + random.nextDouble() * 5,
                    (now / 1000) % 86_400 * 12);
            try {
                String reply = device.postMeasurePoints(points, now);
                if (!reply.contains("\"code\":200")) {
                    log.warn("platform answered {}", reply);
                }
            } catch (Exception e) {
                log.warn("a simulated device could not post: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        for (EnosDevice device : devices) {
            try {
                device.close();
            } catch (Exception e) {
                log.debug("closing a simulated device", e);
            }
        }
    }
}
