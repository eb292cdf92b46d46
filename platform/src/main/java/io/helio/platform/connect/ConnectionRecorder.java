package io.helio.platform.connect;

import io.helio.platform.model.DeviceKey;
import io.helio.platform.model.ProductKey;
import io.helio.platform.model.R2dbcDeviceRepository;
import io.helio.platform.usage.UsageMeter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a device's status and last-seen in step with its sessions (its own, its gateway's, its edge's),
 * without ever delaying them.
 */
public class ConnectionRecorder {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRecorder.class);

    private final R2dbcDeviceRepository devices;
    private final UsageMeter usage;
    private final Clock clock;

    ConnectionRecorder(R2dbcDeviceRepository devices, UsageMeter usage, Clock clock) {
        this.devices = devices;
        this.usage = usage;
        this.clock = clock;
    }

    void online(DeviceAddress device) {
        record(device, true);
    }

    void offline(DeviceAddress device) {
        record(device, false);
    }

    /** A device whose session is not on this node's broker (behind an edge) connected or left. */
    public void connected(ProductKey product, DeviceKey device, boolean online) {
        record(new DeviceAddress(product, device), online);
    }

    private void record(DeviceAddress device, boolean online) {
        devices.recordConnection(device.product(), device.device(), online, clock.instant())
                .subscribe(
                        usage::touch,
                        failure -> log.warn(
                                "could not record that {} is {}", device, online ? "online" : "offline", failure));
    }
}
