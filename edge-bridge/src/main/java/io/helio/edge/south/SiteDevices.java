package io.helio.edge.south;

import io.helio.edge.EdgeProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The site's devices (the gateway among them) as configured, and which of them are connected now. */
public final class SiteDevices {

    private final Map<String, EdgeProperties.Device> configured = new HashMap<>();
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();

    public SiteDevices(EdgeProperties properties) {
        configured.put(
                key(properties.gateway().productKey(), properties.gateway().deviceKey()), properties.gateway());
        properties.devices().forEach(device -> configured.put(key(device.productKey(), device.deviceKey()), device));
    }

    Optional<EdgeProperties.Device> find(String productKey, String deviceKey) {
        return Optional.ofNullable(configured.get(key(productKey, deviceKey)));
    }

    public boolean connected(String productKey, String deviceKey) {
        AtomicInteger count = sessions.get(key(productKey, deviceKey));
        return count != null && count.get() > 0;
    }

    /** Counts a device's new session; whether it is the device's first (it came online). */
    boolean sessionOpened(String productKey, String deviceKey) {
        return sessions.computeIfAbsent(key(productKey, deviceKey), any -> new AtomicInteger())
                        .incrementAndGet()
                == 1;
    }

    /** Counts a device's ended session; whether it was the device's last (it went offline). */
    boolean sessionClosed(String productKey, String deviceKey) {
        AtomicInteger count = sessions.get(key(productKey, deviceKey));
        return count != null && count.getAndUpdate(value -> Math.max(0, value - 1)) == 1;
    }

    /** A site device by its keys. */
    public record Keys(String productKey, String deviceKey) {}

    /** The devices connected now. */
    public List<Keys> connectedDevices() {
        return sessions.entrySet().stream()
                .filter(session -> session.getValue().get() > 0)
                .map(session -> session.getKey().split("/", 2))
                .map(keys -> new Keys(keys[0], keys[1]))
                .toList();
    }

    Set<String> keys() {
        return configured.keySet();
    }

    private static String key(String productKey, String deviceKey) {
        return productKey + "/" + deviceKey;
    }
}
