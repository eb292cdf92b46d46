package io.helio.edge.south;

import io.helio.edge.DeviceKeys;
import io.helio.edge.EdgeProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The site's devices (the gateway among them) as configured, and which of them are connected now. */
public final class SiteDevices {

    private final Map<DeviceKeys, EdgeProperties.Device> configured = new HashMap<>();
    private final Map<DeviceKeys, AtomicInteger> sessions = new ConcurrentHashMap<>();

    public SiteDevices(EdgeProperties properties) {
        configured.put(properties.gateway().keys(), properties.gateway());
        properties.devices().forEach(device -> configured.put(device.keys(), device));
    }

    Optional<EdgeProperties.Device> find(DeviceKeys device) {
        return Optional.ofNullable(configured.get(device));
    }

    public boolean connected(DeviceKeys device) {
        AtomicInteger count = sessions.get(device);
        return count != null && count.get() > 0;
    }

    /** Counts a device's new session; whether it is the device's first (it came online). */
    boolean sessionOpened(DeviceKeys device) {
        return sessions.computeIfAbsent(device, any -> new AtomicInteger()).incrementAndGet() == 1;
    }

    /** Counts a device's ended session; whether it was the device's last (it went offline). */
    boolean sessionClosed(DeviceKeys device) {
        AtomicInteger count = sessions.get(device);
        return count != null && count.getAndUpdate(value -> Math.max(0, value - 1)) == 1;
    }

    /** The devices connected now. */
    public List<DeviceKeys> connectedDevices() {
        return sessions.entrySet().stream()
                .filter(session -> session.getValue().get() > 0)
                .map(Map.Entry::getKey)
                .toList();
    }
}
